package router.loadtest.stats;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One sample of the throughput-over-time series: seconds since the run began (end of the
 * interval), its length, its counts and latency percentiles; {@code measured} is false for
 * warm-up and drain intervals.
 */
public record Interval(double atSeconds, double lengthSeconds, Counts counts, LatencySummary latency,
    boolean measured) {

  /** Replies (or accepted connections) per second in this interval. */
  public double receivedPerSecond() {
    return lengthSeconds <= 0 ? 0 : counts.received() / lengthSeconds;
  }

  /** Messages sent (or connection attempts) per second in this interval. */
  public double sentPerSecond() {
    return lengthSeconds <= 0 ? 0 : counts.sent() / lengthSeconds;
  }

  /** The interval as a JSON-ready map. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("t", atSeconds);
    m.put("length", lengthSeconds);
    m.put("measured", measured);
    m.put("sentPerSecond", sentPerSecond());
    m.put("receivedPerSecond", receivedPerSecond());
    m.put("timeouts", counts.timeouts());
    m.put("errors", counts.errors());
    m.put("p50", latency.p50());
    m.put("p99", latency.p99());
    m.put("max", latency.max());
    return m;
  }
}
