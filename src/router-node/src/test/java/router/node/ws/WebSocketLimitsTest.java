package router.node.ws;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.extractWebSocketUpgrade;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static router.node.ws.RawWebSocket.CLOSE;
import static router.node.ws.RawWebSocket.CONTINUATION;
import static router.node.ws.RawWebSocket.FIN;
import static router.node.ws.RawWebSocket.PING;
import static router.node.ws.RawWebSocket.PONG;
import static router.node.ws.RawWebSocket.TEXT;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.javadsl.Flow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import router.protocol.CloseCodes;
import router.runtime.ClientMessage;
import router.runtime.CloseStatus;
import router.runtime.ServerMessage;

/**
 * API Gateway's per-connection limits as the codec enforces them, and the close status it reports for each (what
 * {@code $disconnect} receives as {@code disconnectStatusCode} and {@code disconnectReason}). Every path has its own
 * report queue, so a late report of one test cannot reach another.
 */
class WebSocketLimitsTest {
  /** Only bounds how long a broken test hangs; no assertion depends on it. */
  private static final Duration AWAIT = Duration.ofSeconds(10);
  private static final Duration SHORT = Duration.ofMillis(300);
  private static final int FRAME_LIMIT = WebSocketSettings.DEFAULT_MAX_FRAME_BYTES;
  private static final CloseStatus TOO_BIG = new CloseStatus(CloseCodes.MESSAGE_TOO_BIG, "Message too big");
  private static final CloseStatus GOING_AWAY = new CloseStatus(CloseCodes.GOING_AWAY, "Going away");

  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final Map<String, BlockingQueue<CloseStatus>> reports = new ConcurrentHashMap<>();
  private static ServerBinding binding;

  @BeforeAll
  static void bindServer() throws Exception {
    // Pings off unless a path tests them, so only the limit under test can close a connection.
    WebSocketSettings base = WebSocketSettings.defaults().withPingInterval(Duration.ZERO);
    Route route = concat(
        reporting("client-close", base),
        reporting("no-code", base),
        reporting("dropped", base),
        reporting("frame", base),
        reporting("fragments", base),
        reporting("binary", base),
        reporting("slow-message", base.withMessageTimeout(SHORT)),
        reporting("idle", base.withIdleTimeout(SHORT)),
        reporting("short-lived", base.withMaxConnectionDuration(SHORT)),
        reporting("pinging", base.withPingInterval(SHORT)));
    binding = Http.get(testKit.system()).newServerAt("127.0.0.1", 0).bind(route)
        .toCompletableFuture().get(AWAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static Route reporting(String name, WebSocketSettings settings) {
    BlockingQueue<CloseStatus> queue = new LinkedBlockingQueue<>();
    reports.put(name, queue);
    return path(name, () -> extractWebSocketUpgrade(upgrade -> complete(WebSocketUpgrades.handle(upgrade,
        Flow.<ClientMessage>create().map(WebSocketLimitsTest::answer), settings, Optional.empty(), name,
        status -> {
          queue.add(status);
          return status;
        }))));
  }

  private static ServerMessage answer(ClientMessage message) {
    if (message instanceof ClientMessage.Text text) return new ServerMessage.Text(text.text());
    return new ServerMessage.Close(CloseCodes.UNSUPPORTED_DATA, "Binary frames are not supported");
  }

  @Test
  void reportsTheClientsCloseCodeAndReason() throws Exception {
    try (RawWebSocket ws = raw("client-close")) {
      byte[] code = RawWebSocket.closePayload(4001);
      byte[] reason = "bye".getBytes(StandardCharsets.UTF_8);
      byte[] body = new byte[code.length + reason.length];
      System.arraycopy(code, 0, body, 0, code.length);
      System.arraycopy(reason, 0, body, code.length, reason.length);
      ws.send(FIN | CLOSE, body);
      assertEquals(4001, ws.readClose().closeCode());
    }
    assertEquals(new CloseStatus(4001, "bye"), report("client-close"));
  }

  @Test
  void reports1005WhenTheClientsCloseHasNoCode() throws Exception {
    try (RawWebSocket ws = raw("no-code")) {
      ws.send(FIN | CLOSE, new byte[0]);
      assertEquals(CloseCodes.NORMAL, ws.readClose().closeCode());
    }
    assertEquals(new CloseStatus(CloseStatus.NO_STATUS, ""), report("no-code"));
  }

  @Test
  void reports1006WhenTheSocketEndsWithoutAClose() throws Exception {
    try (RawWebSocket ws = raw("dropped")) {
      ws.sendText("hello");
      assertEquals("hello", ws.read().text());
    }
    assertEquals(CloseStatus.LOST, report("dropped"));
  }

  @Test
  void closesWith1009WhenOneFrameExceeds32KiB() throws Exception {
    try (RawWebSocket ws = raw("frame")) {
      ws.send(FIN | TEXT, new byte[FRAME_LIMIT + 1]);
      RawWebSocket.Frame close = ws.readClose();
      assertEquals(CloseCodes.MESSAGE_TOO_BIG, close.closeCode());
      assertEquals("Message too big", new String(close.payload(), 2, close.payload().length - 2,
          StandardCharsets.UTF_8));
    }
    assertEquals(TOO_BIG, report("frame"));
  }

  @Test
  void acceptsAMessageOf128KiBSentAsFramesOf32KiBAndAnswersInFramesOf32KiB() throws Exception {
    try (RawWebSocket ws = raw("fragments")) {
      byte[] frame = "a".repeat(FRAME_LIMIT).getBytes(StandardCharsets.UTF_8);
      ws.send(TEXT, frame);
      ws.send(CONTINUATION, frame);
      ws.send(CONTINUATION, frame);
      ws.send(FIN | CONTINUATION, frame);
      // The echo goes out as API Gateway sends a large message: a text frame, then continuations, none over 32 KiB.
      java.util.List<RawWebSocket.Frame> echo = new java.util.ArrayList<>();
      do {
        echo.add(ws.read());
      } while (!echo.get(echo.size() - 1).fin());
      assertEquals(java.util.List.of(TEXT, CONTINUATION, CONTINUATION, CONTINUATION),
          echo.stream().map(RawWebSocket.Frame::opcode).toList());
      assertTrue(echo.stream().allMatch(f -> f.payload().length == FRAME_LIMIT));
      ws.sendClose(CloseCodes.NORMAL);
      assertEquals(CloseCodes.NORMAL, ws.readClose().closeCode());
    }
    assertEquals(new CloseStatus(CloseCodes.NORMAL, ""), report("fragments"));
  }

  @Test
  void closesWith1003WhenTheAppRefusesABinaryMessage() throws Exception {
    try (RawWebSocket ws = raw("binary")) {
      ws.send(FIN | RawWebSocket.BINARY, new byte[] {1});
      assertEquals(CloseCodes.UNSUPPORTED_DATA, ws.readClose().closeCode());
    }
    assertEquals(new CloseStatus(CloseCodes.UNSUPPORTED_DATA, "Binary frames are not supported"), report("binary"));
  }

  @Test
  void closesWith1009WhenAFragmentedMessageNeverEnds() throws Exception {
    try (RawWebSocket ws = raw("slow-message")) {
      ws.send(TEXT, "the first fragment of a message whose last never comes".getBytes(StandardCharsets.UTF_8));
      ws.send(CONTINUATION, new byte[0]);
      assertEquals(CloseCodes.MESSAGE_TOO_BIG, ws.readClose().closeCode());
    }
    assertEquals(TOO_BIG, report("slow-message"));
  }

  @Test
  void closesAnIdleConnectionWith1001EvenWhileTheClientPings() throws Exception {
    try (RawWebSocket ws = raw("idle")) {
      RawWebSocket.Frame frame;
      do {
        ws.send(FIN | PING, new byte[] {1}); // control frames do not count as activity
        frame = ws.read();
      } while (frame.opcode() == PONG);
      assertEquals(CLOSE, frame.opcode());
      assertEquals(CloseCodes.GOING_AWAY, frame.closeCode());
    }
    assertEquals(GOING_AWAY, report("idle"));
  }

  @Test
  void closesWith1001AfterTheMaximumDuration() throws Exception {
    try (RawWebSocket ws = raw("short-lived")) {
      assertEquals(CloseCodes.GOING_AWAY, ws.readClose().closeCode());
    }
    assertEquals(GOING_AWAY, report("short-lived"));
  }

  @Test
  void pingsTheClientAndDropsItWhenNoPongComes() throws Exception {
    try (RawWebSocket ws = raw("pinging")) {
      assertEquals(PING, ws.read().opcode());
      // No pong: the next ping finds the peer silent and drops the TCP connection without a close handshake.
      RawWebSocket.Frame frame;
      do {
        frame = readOrEnd(ws);
      } while (frame != null && frame.opcode() == PING);
      assertEquals(null, frame);
    }
    assertEquals(CloseStatus.LOST, report("pinging"));
  }

  private static RawWebSocket.Frame readOrEnd(RawWebSocket ws) throws IOException {
    try {
      return ws.read();
    } catch (java.io.EOFException | java.net.SocketException end) {
      return null;
    }
  }

  private static CloseStatus report(String path) throws InterruptedException {
    CloseStatus status = reports.get(path).poll(AWAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertTrue(status != null, "no close reported on " + path);
    return status;
  }

  private static RawWebSocket raw(String path) throws IOException {
    return RawWebSocket.connect(binding.localAddress().getPort(), "/" + path, AWAIT);
  }
}
