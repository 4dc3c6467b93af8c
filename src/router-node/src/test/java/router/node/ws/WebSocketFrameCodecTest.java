package router.node.ws;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.extractWebSocketUpgrade;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static router.node.ws.RawWebSocket.BINARY;
import static router.node.ws.RawWebSocket.CLOSE;
import static router.node.ws.RawWebSocket.CONTINUATION;
import static router.node.ws.RawWebSocket.FIN;
import static router.node.ws.RawWebSocket.PING;
import static router.node.ws.RawWebSocket.PONG;
import static router.node.ws.RawWebSocket.RSV1;
import static router.node.ws.RawWebSocket.TEXT;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.javadsl.Flow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import router.node.ws.RecordingListener.Closed;
import router.node.ws.RecordingListener.Pong;
import router.node.ws.RecordingListener.Text;
import router.protocol.CloseCodes;
import router.runtime.ClientMessage;
import router.runtime.ServerMessage;

class WebSocketFrameCodecTest {

  /** Only bounds how long a broken test hangs; no assertion depends on it. */
  private static final Duration AWAIT = Duration.ofSeconds(10);
  /** Idle timeout, connection duration or close timeout of the paths that test them. */
  private static final Duration SHORT = Duration.ofMillis(300);
  /** A close timeout that outlives {@link #AWAIT}, so only the client's close can end the connection in time. */
  private static final Duration LONG = Duration.ofMinutes(5);
  private static final int MAX_MESSAGE_BYTES = WebSocketSettings.DEFAULT_MAX_MESSAGE_BYTES;
  /** RFC 6455 §5.5. */
  private static final int MAX_CONTROL_PAYLOAD = 125;
  private static final int MESSAGES_IN_FLIGHT = 1000;
  private static final int LARGEST_IN_FLIGHT_PADDING = 4000;
  private static final int PADDING_STEP = 37;

  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final HttpClient httpClient = HttpClient.newHttpClient();
  private static ServerBinding binding;

  private final List<WebSocket> openClients = new ArrayList<>();

  @BeforeAll
  static void bindServer() throws Exception {
    WebSocketSettings defaults = WebSocketSettings.defaults();
    Route route = concat(
        path("echo", () -> extractRequest(request -> complete(WebSocketUpgrades.handle(request, echo(), defaults)
            .orElseGet(() -> HttpResponse.create().withStatus(StatusCodes.BAD_REQUEST))))),
        path("describe", () -> upgrade(Flow.<ClientMessage>create().map(WebSocketFrameCodecTest::describe), defaults)),
        path("idle", () -> upgrade(echo(), defaults.withIdleTimeout(SHORT))),
        path("short-lived", () -> upgrade(echo(), defaults.withMaxConnectionDuration(SHORT))),
        path("short-close", () -> upgrade(echo(), defaults.withCloseTimeout(SHORT))),
        path("long-close", () -> upgrade(echo(), defaults.withCloseTimeout(LONG))),
        path("completing", () -> upgrade(Flow.<ClientMessage>create().take(1).map(WebSocketFrameCodecTest::answer),
            defaults)),
        path("failing", () -> upgrade(Flow.<ClientMessage>create().<ServerMessage>map(message -> {
          throw new IllegalStateException("app failure on purpose");
        }), defaults)));
    binding = Http.get(testKit.system()).newServerAt("127.0.0.1", 0).bind(route)
        .toCompletableFuture().get(AWAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @AfterEach
  void abortClients() {
    openClients.forEach(WebSocket::abort);
  }

  /** Echoes text; answers binary the way an API Gateway app would, by closing with 1003. */
  private static Flow<ClientMessage, ServerMessage, NotUsed> echo() {
    return Flow.<ClientMessage>create().map(WebSocketFrameCodecTest::answer);
  }

  private static ServerMessage answer(ClientMessage message) {
    if (message instanceof ClientMessage.Text text) {
      return new ServerMessage.Text(text.text());
    }
    return new ServerMessage.Close(CloseCodes.UNSUPPORTED_DATA, "Unsupported data");
  }

  /** Answers a binary message with its bytes in base64, so a test can see what the app received. */
  private static ServerMessage describe(ClientMessage message) {
    if (message instanceof ClientMessage.Binary binary) {
      return new ServerMessage.Text(Base64.getEncoder().encodeToString(binary.bytes().toArray()));
    }
    return answer(message);
  }

  private static Route upgrade(Flow<ClientMessage, ServerMessage, NotUsed> app, WebSocketSettings settings) {
    return extractWebSocketUpgrade(upgrade ->
        complete(WebSocketUpgrades.handle(upgrade, app, settings, Optional.empty())));
  }

  // ---- JDK client

  @Test
  void echoesTextMessage() throws Exception {
    RecordingListener client = new RecordingListener(AWAIT);
    WebSocket ws = connect("/echo", client);
    ws.sendText("hello", true).join();
    assertEquals("hello", client.next(Text.class).text());
  }

  @Test
  void reassemblesFragmentedText() throws Exception {
    RecordingListener client = new RecordingListener(AWAIT);
    WebSocket ws = connect("/echo", client);
    ws.sendText("Hel", false).join();
    ws.sendText("lo, ", false).join();
    ws.sendText("world", true).join();
    assertEquals("Hello, world", client.next(Text.class).text());
  }

  @Test
  void answersPingBetweenFragmentsOfAMessage() throws Exception {
    RecordingListener client = new RecordingListener(AWAIT);
    WebSocket ws = connect("/echo", client);
    ws.sendText("first half, ", false).join();
    ws.sendPing(ByteBuffer.wrap(bytes("between"))).join();
    ws.sendText("second half", true).join();
    assertEquals(ByteBuffer.wrap(bytes("between")), client.next(Pong.class).payload());
    assertEquals("first half, second half", client.next(Text.class).text());
  }

  @Test
  void acceptsMessageOfExactly128KiB() throws Exception {
    RecordingListener client = new RecordingListener(AWAIT);
    WebSocket ws = connect("/echo", client);
    String largest = "a".repeat(MAX_MESSAGE_BYTES);
    ws.sendText(largest, true).join();
    assertEquals(largest, client.next(Text.class).text());
  }

  @Test
  void closesWith1009WhenMessageExceeds128KiB() throws Exception {
    RecordingListener client = new RecordingListener(AWAIT);
    WebSocket ws = connect("/echo", client);
    ws.sendText("a".repeat(MAX_MESSAGE_BYTES + 1), true).join();
    assertEquals(new Closed(CloseCodes.MESSAGE_TOO_BIG, "Message too big"), client.next());
  }

  @Test
  void closesWith1009WhenALaterFragmentExceeds128KiB() throws Exception {
    RecordingListener client = new RecordingListener(AWAIT);
    WebSocket ws = connect("/echo", client);
    String half = "a".repeat(MAX_MESSAGE_BYTES / 2);
    ws.sendText(half, false).join();
    ws.sendText(half, false).join();
    ws.sendText("one byte too many", true).join();
    assertEquals(CloseCodes.MESSAGE_TOO_BIG, client.next(Closed.class).statusCode());
  }

  @Test
  void answersPingWithPong() throws Exception {
    RecordingListener client = new RecordingListener(AWAIT);
    WebSocket ws = connect("/echo", client);
    ws.sendPing(ByteBuffer.wrap(bytes("are you there?"))).join();
    assertEquals(ByteBuffer.wrap(bytes("are you there?")), client.next(Pong.class).payload());
  }

  @Test
  void answersBinaryWithClose1003ViaApp() throws Exception {
    RecordingListener client = new RecordingListener(AWAIT);
    WebSocket ws = connect("/echo", client);
    ws.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).join();
    assertEquals(new Closed(CloseCodes.UNSUPPORTED_DATA, "Unsupported data"), client.next());
  }

  @Test
  void echoesClientClose() throws Exception {
    int applicationCode = 4001;
    RecordingListener client = new RecordingListener(AWAIT);
    WebSocket ws = connect("/echo", client);
    ws.sendClose(applicationCode, "bye").join();
    assertEquals(applicationCode, client.next(Closed.class).statusCode());
  }

  @Test
  void closesWith1000WhenAppCompletes() throws Exception {
    RecordingListener client = new RecordingListener(AWAIT);
    WebSocket ws = connect("/completing", client);
    ws.sendText("only one", true).join();
    assertEquals("only one", client.next(Text.class).text());
    assertEquals(CloseCodes.NORMAL, client.next(Closed.class).statusCode());
  }

  @Test
  void closesWith1011WhenAppFails() throws Exception {
    RecordingListener client = new RecordingListener(AWAIT);
    WebSocket ws = connect("/failing", client);
    ws.sendText("boom", true).join();
    assertEquals(CloseCodes.INTERNAL_ERROR, client.next(Closed.class).statusCode());
  }

  @Test
  void closesWith1001WhenIdle() throws Exception {
    RecordingListener client = new RecordingListener(AWAIT);
    connect("/idle", client);
    assertEquals(new Closed(CloseCodes.GOING_AWAY, "Going away"), client.next());
  }

  @Test
  void closesWith1001AfterMaxConnectionDuration() throws Exception {
    RecordingListener client = new RecordingListener(AWAIT);
    connect("/short-lived", client);
    assertEquals(new Closed(CloseCodes.GOING_AWAY, "Going away"), client.next());
  }

  @Test
  void oversizedMessageOnOneConnectionDoesNotAffectAnother() throws Exception {
    RecordingListener oversized = new RecordingListener(AWAIT);
    RecordingListener bystander = new RecordingListener(AWAIT);
    WebSocket oversizedWs = connect("/echo", oversized);
    WebSocket bystanderWs = connect("/echo", bystander);
    bystanderWs.sendText("before", true).join();
    oversizedWs.sendText("a".repeat(MAX_MESSAGE_BYTES + 1), true).join();
    assertEquals(CloseCodes.MESSAGE_TOO_BIG, oversized.next(Closed.class).statusCode());
    bystanderWs.sendText("after", true).join();
    assertEquals("before", bystander.next(Text.class).text());
    assertEquals("after", bystander.next(Text.class).text());
  }

  @Test
  void manyMessagesInFlightKeepOrder() throws Exception {
    RecordingListener client = new RecordingListener(AWAIT);
    WebSocket ws = connect("/echo", client);
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < MESSAGES_IN_FLIGHT; i++) {
      // Varying sizes, so some messages span TCP reads and arrive as several FrameData parts.
      String message = i + ":" + "x".repeat(i * PADDING_STEP % LARGEST_IN_FLIGHT_PADDING);
      sent.add(message);
      ws.sendText(message, true).join(); // the JDK client allows one send at a time; echoes are not awaited
    }
    List<String> echoed = new ArrayList<>();
    for (int i = 0; i < MESSAGES_IN_FLIGHT; i++) {
      echoed.add(client.next(Text.class).text());
    }
    assertEquals(sent, echoed);
  }

  // ---- raw socket: what a well-behaved client cannot send

  @Test
  void decodesUtf8CharacterSplitAcrossFragments() throws Exception {
    byte[] euro = bytes("€");
    try (RawWebSocket ws = raw("/echo")) {
      ws.send(TEXT, Arrays.copyOfRange(euro, 0, 1));
      ws.send(FIN | CONTINUATION, Arrays.copyOfRange(euro, 1, euro.length));
      assertEquals("€", ws.read().text());
    }
  }

  @Test
  void reassemblesBinaryFromFragments() throws Exception {
    byte[] message = {1, 2, 3, 4, 5};
    try (RawWebSocket ws = raw("/describe")) {
      ws.send(BINARY, Arrays.copyOfRange(message, 0, 1));
      ws.send(CONTINUATION, new byte[0]);
      ws.send(CONTINUATION, Arrays.copyOfRange(message, 1, 3));
      ws.send(FIN | CONTINUATION, Arrays.copyOfRange(message, 3, message.length));
      assertArrayEquals(message, Base64.getDecoder().decode(ws.read().text()));
    }
  }

  @Test
  void ignoresUnsolicitedPong() throws Exception {
    try (RawWebSocket ws = raw("/echo")) {
      ws.send(FIN | PONG, bytes("unsolicited"));
      ws.sendText("next");
      RawWebSocket.Frame reply = ws.read();
      assertEquals(TEXT, reply.opcode());
      assertEquals("next", reply.text());
    }
  }

  @Test
  void closesWith1007OnInvalidUtf8() throws Exception {
    byte[] invalid = {(byte) 0xC3, (byte) 0x28}; // a two-byte lead followed by an ASCII byte
    assertEquals(CloseCodes.INVALID_PAYLOAD, closeCodeAfter(ws -> ws.send(FIN | TEXT, invalid)));
  }

  @Test
  void closesWith1002OnUnmaskedFrame() throws Exception {
    assertEquals(CloseCodes.PROTOCOL_ERROR, closeCodeAfter(ws -> ws.sendUnmasked(FIN | TEXT, bytes("hi"))));
  }

  @Test
  void closesWith1002OnReservedBit() throws Exception {
    assertEquals(CloseCodes.PROTOCOL_ERROR, closeCodeAfter(ws -> ws.send(FIN | RSV1 | TEXT, bytes("hi"))));
  }

  @Test
  void closesWith1002OnReservedOpcode() throws Exception {
    int reservedDataOpcode = 0x3;
    assertEquals(CloseCodes.PROTOCOL_ERROR, closeCodeAfter(ws -> ws.send(FIN | reservedDataOpcode, bytes("hi"))));
  }

  @Test
  void closesWith1002OnControlFrameOver125Bytes() throws Exception {
    byte[] oversizedPing = new byte[MAX_CONTROL_PAYLOAD + 1];
    assertEquals(CloseCodes.PROTOCOL_ERROR, closeCodeAfter(ws -> ws.send(FIN | PING, oversizedPing)));
  }

  @Test
  void closesWith1002OnFragmentedControlFrame() throws Exception {
    assertEquals(CloseCodes.PROTOCOL_ERROR, closeCodeAfter(ws -> ws.send(PING, bytes("no FIN"))));
  }

  @Test
  void closesWith1002OnContinuationWithoutMessage() throws Exception {
    assertEquals(CloseCodes.PROTOCOL_ERROR, closeCodeAfter(ws -> ws.send(FIN | CONTINUATION, bytes("orphan"))));
  }

  @Test
  void closesWith1002OnNewMessageInsideFragmentedMessage() throws Exception {
    assertEquals(CloseCodes.PROTOCOL_ERROR, closeCodeAfter(ws -> {
      ws.send(TEXT, bytes("first, "));
      ws.send(FIN | TEXT, bytes("second"));
    }));
  }

  @Test
  void closesWith1002OnOneByteClosePayload() throws Exception {
    assertEquals(CloseCodes.PROTOCOL_ERROR, closeCodeAfter(ws -> ws.send(FIN | CLOSE, new byte[] {3})));
  }

  @Test
  void closesWith1002OnInvalidCloseCode() throws Exception {
    int noStatusReceived = 1005; // RFC 6455 §7.4.1: reserved, must never be sent in a close frame
    assertEquals(CloseCodes.PROTOCOL_ERROR,
        closeCodeAfter(ws -> ws.send(FIN | CLOSE, RawWebSocket.closePayload(noStatusReceived))));
  }

  @Test
  void echoes1000WhenClientCloseHasNoStatusCode() throws Exception {
    assertEquals(CloseCodes.NORMAL, closeCodeAfter(ws -> ws.send(FIN | CLOSE, new byte[0])));
  }

  @Test
  void closesSocketWhenClientAnswersServerClose() throws Exception {
    try (RawWebSocket ws = raw("/long-close")) {
      ws.send(FIN | BINARY, new byte[] {1});
      assertEquals(CloseCodes.UNSUPPORTED_DATA, ws.readClose().closeCode());
      ws.sendClose(CloseCodes.UNSUPPORTED_DATA);
      assertTrue(ws.atEndOfStream(), "server closes the socket once the client answered its close");
    }
  }

  @Test
  void closesSocketAfterCloseTimeoutWhenClientDoesNotAnswer() throws Exception {
    try (RawWebSocket ws = raw("/short-close")) {
      ws.send(FIN | BINARY, new byte[] {1});
      assertEquals(CloseCodes.UNSUPPORTED_DATA, ws.readClose().closeCode());
      assertTrue(ws.atEndOfStream(), "server closes the socket when the close timeout expires");
    }
  }

  @Test
  void discardsInputAfterClosingUntilClientCloses() throws Exception {
    try (RawWebSocket ws = raw("/long-close")) {
      ws.send(FIN | BINARY, new byte[] {1});
      assertEquals(CloseCodes.UNSUPPORTED_DATA, ws.readClose().closeCode());
      ws.sendText("ignored after close");
      ws.send(FIN | PING, bytes("not answered after close"));
      ws.sendClose(CloseCodes.NORMAL);
      assertTrue(ws.atEndOfStream(), "nothing but the end of the stream follows the server's close frame");
    }
  }

  // ---- helpers

  /** A step on a raw socket. */
  private interface RawAction {
    void run(RawWebSocket ws) throws IOException;
  }

  private WebSocket connect(String path, RecordingListener listener) {
    URI uri = URI.create("ws://127.0.0.1:" + binding.localAddress().getPort() + path);
    WebSocket ws = httpClient.newWebSocketBuilder().buildAsync(uri, listener).orTimeout(AWAIT.toMillis(),
        TimeUnit.MILLISECONDS).join();
    openClients.add(ws);
    return ws;
  }

  private RawWebSocket raw(String path) throws IOException {
    return RawWebSocket.connect(binding.localAddress().getPort(), path, AWAIT);
  }

  private int closeCodeAfter(RawAction action) throws IOException {
    try (RawWebSocket ws = raw("/echo")) {
      action.run(ws);
      return ws.readClose().closeCode();
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
