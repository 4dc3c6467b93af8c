package router.loadtest.run;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import router.loadtest.client.ClientConnection;
import router.loadtest.client.NioHttpClient;
import router.loadtest.stats.InFlightTable;

/**
 * Sends pushes the way a backend does: {@code POST {pushUrl}{connectionId}} with the payload as
 * body, over a few pipelined keep-alive connections. A refused or failed POST resolves its
 * message as a send failure; the pushed frame resolves it as received.
 */
final class PushSender implements AutoCloseable {

  /** Status code in {@link #failuresByStatus} of a POST that got no response at all. */
  private static final int NO_RESPONSE = 0;
  /** Keep-alive HTTP connections the pushes are spread over. */
  private static final int HTTP_CONNECTIONS = 8;

  private final String basePath;
  private final InFlightTable table;
  private final NioHttpClient http;
  private final Map<Integer, LongAdder> failures = new ConcurrentHashMap<>();
  private final String[] paths;

  PushSender(String pushUrl, InFlightTable table, int connections) {
    this.paths = new String[connections];
    URI base = URI.create(pushUrl.endsWith("/") ? pushUrl : pushUrl + "/");
    this.basePath = base.getRawPath();
    this.table = table;
    this.http = new NioHttpClient(base, HTTP_CONNECTIONS, this::onResponse);
  }

  /** POSTs {@code text} (message {@code seq}) to {@code connection}. */
  void send(ClientConnection connection, long seq, String text) {
    String path = paths[connection.index()];
    if (path == null) {
      // Ids are base64 ("L0SM9cOFvHcCIhw="): '+', '/' and '=' are escaped in the path, as the AWS SDKs do.
      path = basePath + URLEncoder.encode(connection.connectionId(), StandardCharsets.UTF_8);
      paths[connection.index()] = path;
    }
    http.post(seq, path, text);
  }

  private void onResponse(long seq, int status) {
    if (status >= 200 && status <= 299) return;
    failures.computeIfAbsent(status == NO_RESPONSE ? NO_RESPONSE : status, s -> new LongAdder()).increment();
    table.fail(seq);
  }

  /** Failed POSTs by HTTP status (0 = no response). */
  Map<String, Object> failuresByStatus() {
    Map<String, Object> m = new TreeMap<>();
    failures.forEach((status, n) -> m.put(Integer.toString(status), n.sum()));
    return m;
  }

  @Override
  public void close() {
    http.close();
  }
}
