package router.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A client that sends garbage instead of handshakes, 1,500 times, and 500 handshakes cut short (half-closed): every
 * one is answered 400 and counted
 * (router_http_bad_requests_total moves by exactly the number sent), and the log gets at most a line per interval,
 * each saying how many it stands for, instead of pekko-http's WARN per request.
 */
class HostileClientLogTest {
  private static final int BAD_REQUESTS = 1500;
  private static final int HALF_OPEN = 500;
  private static final int AT_ONCE = 100;
  /** The rate limit's interval in this test (router.logging.rate-limit-interval). */
  private static final Duration INTERVAL = Duration.ofSeconds(2);
  private static final int TIMEOUT_MILLIS = 10_000;
  private static final byte[] CUT_SHORT = "GET /api/dev HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: webs"
      .getBytes(StandardCharsets.ISO_8859_1);
  /** What a TLS client or a scanner sends to a plain HTTP port: not a request line. */
  private static final byte[] GARBAGE = "\u0016\u0003\u0001 not HTTP\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
  private static final Pattern SUPPRESSED = Pattern.compile("\\((\\d+) similar lines suppressed since the last one\\)");
  private static final HttpClient http = HttpClient.newHttpClient();

  @TempDir static Path dataDir;
  static TestNode node;
  static final ListAppender<ILoggingEvent> all = new ListAppender<>();

  @BeforeAll
  static void start() {
    all.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(all);
    node = TestNode.start(dataDir, Map.of("router.logging.rate-limit-interval", INTERVAL.toMillis() + "ms"));
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(all);
  }

  @Test
  void countsEveryBadHandshakeAndLogsAtABoundedRate() throws Exception {
    int port = node.node.executeApiAddress().getPort();
    double before = badRequests();
    long started = System.nanoTime();
    for (int sent = 0; sent < BAD_REQUESTS; sent += AT_ONCE) {
      List<Socket> sockets = new ArrayList<>();
      for (int i = 0; i < AT_ONCE; i++) sockets.add(open(port));
      for (Socket socket : sockets) {
        socket.getOutputStream().write(GARBAGE);
      }
      for (Socket socket : sockets) {
        assertEquals("HTTP/1.1 400 Bad Request", statusLine(socket.getInputStream()));
        socket.close();
      }
    }
    // Half-open handshakes: the start of an upgrade, then the client's side closed (the server may still answer).
    for (int sent = 0; sent < HALF_OPEN; sent += AT_ONCE) {
      List<Socket> sockets = new ArrayList<>();
      for (int i = 0; i < AT_ONCE; i++) sockets.add(open(port));
      for (Socket socket : sockets) {
        socket.getOutputStream().write(CUT_SHORT);
        socket.shutdownOutput();
      }
      for (Socket socket : sockets) {
        assertEquals("HTTP/1.1 400 Bad Request", statusLine(socket.getInputStream()));
        socket.close();
      }
    }
    double elapsedSeconds = (System.nanoTime() - started) / 1e9;
    // One more after the interval: its line reports what was suppressed since the last line.
    Thread.sleep(INTERVAL.toMillis() + 100);
    try (Socket socket = open(port)) {
      socket.getOutputStream().write(GARBAGE);
      assertEquals("HTTP/1.1 400 Bad Request", statusLine(socket.getInputStream()));
    }

    assertEquals(BAD_REQUESTS + HALF_OPEN + 1, badRequests() - before);
    List<String> lines;
    synchronized (all) {
      lines = all.list.stream().map(ILoggingEvent::getFormattedMessage)
          .filter(line -> line.contains("Illegal request")).toList();
    }
    // pekko-http's own WARN per request is gone: every line is ours, and the lines account for every request.
    synchronized (all) {
      assertTrue(all.list.stream().filter(e -> e.getFormattedMessage().contains("Illegal request"))
          .allMatch(e -> e.getLoggerName().equals("router.client")));
    }
    long accountedFor = 0;
    for (String line : lines) {
      Matcher suppressed = SUPPRESSED.matcher(line);
      accountedFor += 1 + (suppressed.find() ? Long.parseLong(suppressed.group(1)) : 0);
    }
    assertEquals(BAD_REQUESTS + HALF_OPEN + 1, accountedFor, String.join("\n", lines));
    // At most one line per kind per interval (the burst's first, one per interval it lasted, and the last).
    assertTrue(lines.size() <= 2 * (2 + (long) (elapsedSeconds / INTERVAL.toSeconds())), lines.size() + " lines");
  }

  private static Socket open(int port) throws IOException {
    Socket socket = new Socket();
    socket.setSoTimeout(TIMEOUT_MILLIS);
    socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
    return socket;
  }

  private static String statusLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b = in.read(); b >= 0 && b != '\r'; b = in.read()) line.append((char) b);
    return line.toString();
  }

  private static double badRequests() throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(node.controlUrl() + "/metrics"))
        .timeout(Duration.ofMillis(TIMEOUT_MILLIS)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode());
    return PrometheusText.parse(response.body()).value("router_http_bad_requests_total", Map.of());
  }
}
