package chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client (the JDK's) of the chat API that collects what it receives. */
final class ChatClient implements WebSocket.Listener, AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
  private final StringBuilder partial = new StringBuilder();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private WebSocket socket;

  static ChatClient connect(String url) {
    ChatClient client = new ChatClient();
    client.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT)
        .buildAsync(URI.create(url), client).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    return client;
  }

  ChatClient send(String text) {
    socket.sendText(text, true).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    return this;
  }

  /** The next message, waiting up to 10 s; fails the test if none arrives. */
  String next() throws InterruptedException {
    String message = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    if (message == null) throw new AssertionError("no message within " + WAIT);
    return message;
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
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closed.complete(statusCode);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closed.completeExceptionally(error);
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }
    closed.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).exceptionally(e -> -1).join();
  }
}
