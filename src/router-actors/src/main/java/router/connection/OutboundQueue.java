package router.connection;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;
import router.runtime.ServerMessage;

/**
 * A connection's outbound queue (messages pushed through {@code @connections}), bounded in messages, offered to from
 * any thread and drained by its {@link ConnectionStage}. What {@code Source.queue(n)} gives, without a stream stage
 * of its own: the connection's stage drains it, so a connection materialises one stage instead of a source, a map
 * and a merge.
 */
final class OutboundQueue implements BoundedSourceQueue<ServerMessage> {
  private final ConcurrentLinkedQueue<ServerMessage> messages = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final int capacity;
  /** Set by the stage when it found the queue empty while the socket's side waits: the next offer wakes it. */
  private final AtomicBoolean waiting = new AtomicBoolean();
  private final Runnable wake;
  private final Consumer<Throwable> end;
  private volatile boolean closed;

  /**
   * @param wake asks the stage (from any thread) to look at the queue again
   * @param end asks the stage (from any thread) to end the connection's stream (null) or fail it, as a completed or
   *     failed queue source ends a merge that completes eagerly
   */
  OutboundQueue(int capacity, Runnable wake, Consumer<Throwable> end) {
    this.capacity = capacity;
    this.wake = wake;
    this.end = end;
  }

  @Override
  public QueueOfferResult offer(ServerMessage message) {
    if (closed) return QueueOfferResult.closed();
    if (size.incrementAndGet() > capacity) {
      size.decrementAndGet();
      return QueueOfferResult.dropped();
    }
    messages.add(message);
    if (waiting.compareAndSet(true, false)) wake.run();
    return QueueOfferResult.enqueued();
  }

  /** The next message, or null; called by the stage only. */
  ServerMessage poll() {
    ServerMessage message = messages.poll();
    if (message != null) size.decrementAndGet();
    return message;
  }

  /**
   * The next message, or null after arranging that the next offer wakes the stage; called by the stage only. The
   * second look closes the race with an offer that came between the first look and the flag.
   */
  ServerMessage pollOrWait() {
    ServerMessage message = poll();
    if (message != null) return message;
    waiting.set(true);
    message = poll();
    if (message != null) waiting.set(false);
    return message;
  }

  /** The stream has ended: later offers answer {@code QueueClosed}, what the queue held is dropped. */
  void close() {
    closed = true;
    waiting.set(false);
    messages.clear();
    size.set(0);
  }

  @Override
  public void complete() {
    end.accept(null);
  }

  @Override
  public boolean isCompleted() {
    return closed;
  }

  @Override
  public void fail(Throwable cause) {
    end.accept(cause);
  }

  @Override
  public int size() {
    return size.get();
  }
}
