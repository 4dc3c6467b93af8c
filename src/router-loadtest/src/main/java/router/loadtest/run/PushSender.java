package router.loadtest.run;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.stream.Materializer;
import router.loadtest.client.ClientConnection;
import router.loadtest.stats.InFlightTable;

/**
 * Sends pushes the way a backend does: {@code POST {pushUrl}{connectionId}} with the payload as
 * body, through pekko-http's pooled client. A refused or failed POST resolves its message as a
 * send failure; the pushed frame resolves it as received.
 */
final class PushSender {

  /** Status code used in {@link #failuresByStatus} for a POST that got no response at all. */
  private static final int NO_RESPONSE = 0;

  private final Http http;
  private final Materializer materializer;
  private final String pushUrl;
  private final InFlightTable table;
  private final Map<Integer, LongAdder> failures = new ConcurrentHashMap<>();

  PushSender(ActorSystem system, String pushUrl, InFlightTable table) {
    this.http = Http.get(system);
    this.materializer = Materializer.matFromSystem(system);
    this.pushUrl = pushUrl.endsWith("/") ? pushUrl : pushUrl + "/";
    this.table = table;
  }

  /** POSTs {@code text} (message {@code seq}) to {@code connection}. */
  void send(ClientConnection connection, long seq, String text) {
    HttpRequest request = HttpRequest.POST(pushUrl + connection.connectionId())
        .withEntity(ContentTypes.APPLICATION_JSON, text);
    http.singleRequest(request).whenComplete((response, error) -> {
      if (error != null) {
        failed(seq, NO_RESPONSE);
        return;
      }
      response.discardEntityBytes(materializer);
      int status = response.status().intValue();
      if (status < 200 || status > 299) failed(seq, status);
    });
  }

  private void failed(long seq, int status) {
    failures.computeIfAbsent(status, s -> new LongAdder()).increment();
    table.fail(seq);
  }

  /** Failed POSTs by HTTP status (0 = no response). */
  Map<String, Object> failuresByStatus() {
    Map<String, Object> m = new TreeMap<>();
    failures.forEach((status, n) -> m.put(Integer.toString(status), n.sum()));
    return m;
  }
}
