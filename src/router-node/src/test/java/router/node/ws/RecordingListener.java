package router.node.ws;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayOutputStream;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link WebSocket.Listener} for the JDK client that queues what the server sent, whole messages at a time. */
final class RecordingListener implements WebSocket.Listener {

  /** Something the client received. */
  sealed interface Received {}

  record Text(String text) implements Received {}

  record Binary(byte[] bytes) implements Received {}

  record Pong(ByteBuffer payload) implements Received {}

  record Closed(int statusCode, String reason) implements Received {}

  record Failed(Throwable error) implements Received {}

  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final Duration timeout;
  private final StringBuilder partialText = new StringBuilder();
  private final ByteArrayOutputStream partialBinary = new ByteArrayOutputStream();

  RecordingListener(Duration timeout) {
    this.timeout = timeout;
  }

  /** The next thing received, failing the test if nothing arrives within the timeout (a hang guard). */
  Received next() throws InterruptedException {
    Received next = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    assertNotNull(next, "nothing received within " + timeout);
    return next;
  }

  <T extends Received> T next(Class<T> type) throws InterruptedException {
    return assertInstanceOf(type, next());
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partialText.append(data);
    if (last) {
      received.add(new Text(partialText.toString()));
      partialText.setLength(0);
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
      received.add(new Binary(partialBinary.toByteArray()));
      partialBinary.reset();
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
    ByteBuffer copy = ByteBuffer.allocate(message.remaining());
    copy.put(message).flip();
    received.add(new Pong(copy));
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    received.add(new Closed(statusCode, reason));
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    received.add(new Failed(error));
  }
}
