package router.loadtest.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What either WebSocket echo baseline offers (the pekko-http one and the Netty one), through the JDK's client. */
abstract class EchoContractTest {

  static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final long WAIT_SECONDS = 10;

  /** {@code 127.0.0.1:port} of the server under test. */
  abstract String authority();

  /** A client connection that queues each whole message (fragments joined), pongs and the close. */
  static final class Client implements WebSocket.Listener {
    final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
    final LinkedBlockingQueue<ByteBuffer> pongs = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    WebSocket ws;

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        messages.add(partial.toString());
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
      ByteBuffer copy = ByteBuffer.allocate(message.remaining()).put(message).flip();
      pongs.add(copy);
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.completeExceptionally(error);
    }

    String next() throws InterruptedException {
      String m = messages.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      if (m == null) throw new AssertionError("no message within " + WAIT_SECONDS + " s");
      return m;
    }
  }

  Client connect(String path) throws Exception {
    Client c = new Client();
    c.ws = HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://" + authority() + path), c)
        .get(WAIT_SECONDS, TimeUnit.SECONDS);
    return c;
  }

  @Test
  void echoesTextOnAnyPath() throws Exception {
    for (String path : new String[] {"/bench/bench", "/", "/x/y/z?q=1"}) {
      Client c = connect(path);
      c.ws.sendText("{\"action\":\"echo\",\"seq\":1,\"data\":\"é\"}", true).get();
      c.ws.sendText("second", true).get();
      assertEquals("{\"action\":\"echo\",\"seq\":1,\"data\":\"é\"}", c.next());
      assertEquals("second", c.next());
      c.ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get();
    }
  }

  @Test
  void echoesAFragmentedMessageWhole() throws Exception {
    Client c = connect("/bench/bench");
    c.ws.sendText("frag", false).get();
    c.ws.sendText("men", false).get();
    c.ws.sendText("ted", true).get();
    assertEquals("fragmented", c.next());
  }

  @Test
  void answersPingWithPong() throws Exception {
    Client c = connect("/bench/bench");
    c.ws.sendPing(ByteBuffer.wrap(new byte[] {1, 2, 3})).get();
    ByteBuffer pong = c.pongs.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3}), pong);
  }

  @Test
  void answersCloseWithClose() throws Exception {
    Client c = connect("/bench/bench");
    c.ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get();
    assertEquals(WebSocket.NORMAL_CLOSURE, c.closed.get(WAIT_SECONDS, TimeUnit.SECONDS));
  }

  @Test
  void readyAnswers200() throws Exception {
    assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create("http://" + authority() + "/health/ready")).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode());
  }

  @Test
  void pushPathNamesTheConnectionAndDeliversPosts() throws Exception {
    Client c = connect("/push/bench/bench");
    c.ws.sendText("{\"action\":\"whoami\"}", true).get();
    Matcher m = Pattern.compile("\\{\"connectionId\":\"([A-Za-z0-9_-]{16})\"}").matcher(c.next());
    assertTrue(m.matches());
    String id = m.group(1);
    c.ws.sendText("plain", true).get();
    assertEquals("plain", c.next());
    assertEquals(200, post("/push/bench/bench/@connections/" + id, "pushed").statusCode());
    assertEquals("pushed", c.next());
    assertEquals(410, post("/push/bench/bench/@connections/AAAAAAAAAAAAAAAA", "x").statusCode());
  }

  HttpResponse<String> post(String path, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + authority() + path))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
