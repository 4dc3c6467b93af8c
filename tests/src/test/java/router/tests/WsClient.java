package router.tests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client (the JDK's) that collects what the server sends, for tests. */
final class WsClient implements WebSocket.Listener, AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final StringBuilder partial = new StringBuilder();
  private final BlockingQueue<byte[]> binaries = new LinkedBlockingQueue<>();
  private final java.io.ByteArrayOutputStream partialBinary = new java.io.ByteArrayOutputStream();
  private WebSocket socket;

  /** Record of a close received from the server. */
  record Closed(int code, String reason) {}

  private volatile Closed closeFrame;

  static WsClient connect(String url) {
    return connect(url, java.util.Map.of());
  }

  /** Connects with extra handshake headers. */
  static WsClient connect(String url, java.util.Map<String, String> headers) {
    WsClient client = new WsClient();
    WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT);
    headers.forEach(builder::header);
    client.socket = builder
        .buildAsync(URI.create(url), client)
        .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS)
        .join();
    return client;
  }

  /** The HTTP status with which the server refuses the upgrade; fails the test if it accepts. */
  static int refusedStatus(String url) {
    Throwable failure = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(url), new WsClient())
        .handle((ws, e) -> {
          if (ws != null) ws.abort();
          return e;
        })
        .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS)
        .join();
    Throwable cause = failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure;
    if (cause instanceof java.net.http.WebSocketHandshakeException refused) {
      return refused.getResponse().statusCode();
    }
    throw new AssertionError("upgrade was not refused: " + failure);
  }

  WsClient send(String text) {
    socket.sendText(text, true).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    return this;
  }

  WsClient sendBinary(byte[] bytes) {
    socket.sendBinary(ByteBuffer.wrap(bytes), true).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    return this;
  }

  /** The next text message, waiting up to 10 s; fails the test if none arrives. */
  String next() {
    try {
      String message = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (message == null) throw new AssertionError("no message within " + WAIT);
      return message;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The next text message if one arrives within {@code wait}, else null. */
  String poll(Duration wait) throws InterruptedException {
    return messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The next binary message, waiting up to 10 s; fails the test if none arrives. */
  byte[] nextBinary() {
    try {
      byte[] message = binaries.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (message == null) throw new AssertionError("no binary message within " + WAIT);
      return message;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The close the server sent, waiting up to 10 s. */
  Closed awaitClose() {
    closed.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    return closeFrame;
  }

  /** Starts the closing handshake with this status code and reason. */
  void closeWith(int code, String reason) {
    socket.sendClose(code, reason).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
  }

  boolean isOpen() {
    return !closed.isDone();
  }

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
  public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
    byte[] bytes = new byte[data.remaining()];
    data.get(bytes);
    partialBinary.writeBytes(bytes);
    if (last) {
      binaries.add(partialBinary.toByteArray());
      partialBinary.reset();
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closeFrame = new Closed(statusCode, reason);
    closed.complete(statusCode);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closed.completeExceptionally(error);
  }

  @Override
  public void close() {
    if (socket != null && !socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
    }
  }
}
