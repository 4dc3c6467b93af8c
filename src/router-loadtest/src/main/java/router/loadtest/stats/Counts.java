package router.loadtest.stats;

import java.util.LinkedHashMap;
import java.util.Map;

/** Immutable copy of {@link Counters}. */
public record Counts(long sent, long received, long timeouts, long late, long errorReplies,
    long errorFrames, long sendFailures, long connectFailures, long closed) {

  /** All counts zero. */
  public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0);

  /** Errors other than timeouts: failed sends and connects, error replies and frames, unexpected closes. */
  public long errors() {
    return sendFailures + connectFailures + errorReplies + errorFrames + closed;
  }

  /** Messages neither answered, timed out nor failed yet. */
  public long outstanding() {
    return sent - received - timeouts - errorReplies - sendFailures;
  }

  /** {@code this - earlier}, field by field. */
  public Counts minus(Counts earlier) {
    return new Counts(sent - earlier.sent, received - earlier.received, timeouts - earlier.timeouts,
        late - earlier.late, errorReplies - earlier.errorReplies, errorFrames - earlier.errorFrames, sendFailures - earlier.sendFailures,
        connectFailures - earlier.connectFailures, closed - earlier.closed);
  }

  /** The counts as a JSON-ready map, in a fixed order. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sent", sent);
    m.put("received", received);
    m.put("timeouts", timeouts);
    m.put("errors", errors());
    m.put("sendFailures", sendFailures);
    m.put("connectFailures", connectFailures);
    m.put("errorReplies", errorReplies);
    m.put("errorFrames", errorFrames);
    m.put("closed", closed);
    m.put("late", late);
    return m;
  }
}
