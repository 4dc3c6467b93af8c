package router.connection;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.Done;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.KillSwitch;
import org.apache.pekko.stream.QueueOfferResult;
import router.errors.GoneException;
import router.errors.LimitExceededException;
import router.runtime.CloseStatus;
import router.runtime.ConnectionInfo;
import router.runtime.ServerMessage;

/**
 * A live WebSocket connection on this node: its identity, when it was last active, its outbound queue (messages
 * pushed to the client besides the replies of its own messages, bounded in messages and bytes), and what
 * {@code @connections} does to it ({@link #send}, {@link #describe}, {@link #disconnect}), safe from any thread.
 * Registered in {@link ConnectionRegistry} while the socket is open.
 */
public final class Connection {
  private final ConnectionInfo info;
  private final AtomicLong queuedBytes = new AtomicLong();
  private volatile long lastActiveAt;
  private volatile BoundedSourceQueue<ServerMessage> outbound;
  private volatile long maxQueuedBytes = Long.MAX_VALUE;
  private volatile KillSwitch killSwitch;
  private final AtomicBoolean ended = new AtomicBoolean();
  private final AtomicReference<CloseStatus> closeStatus = new AtomicReference<>();
  private final CompletableFuture<Done> finished = new CompletableFuture<>();

  public Connection(ConnectionInfo info) {
    this.info = info;
    this.lastActiveAt = info.connectedAt();
  }

  public ConnectionInfo info() {
    return info;
  }

  public String connectionId() {
    return info.connectionId();
  }

  /** Epoch milliseconds of the last message received from the client (or of the upgrade). */
  public long lastActiveAt() {
    return lastActiveAt;
  }

  public void touch(long now) {
    lastActiveAt = now;
  }

  void attach(BoundedSourceQueue<ServerMessage> queue, long maxBytes, KillSwitch stream) {
    this.maxQueuedBytes = maxBytes;
    this.killSwitch = stream;
    this.outbound = queue;
  }

  /**
   * Sends a message to the client (PostToConnection): completes once it is queued; fails with 429 {@link
   * LimitExceededException} when the outbound queue is full, 410 {@link GoneException} when the socket is gone (or
   * its stream has not started).
   */
  public CompletionStage<Done> send(ServerMessage message) {
    QueueOfferResult result = ended.get() ? QueueOfferResult.closed() : push(message);
    if (result == QueueOfferResult.enqueued()) return CompletableFuture.completedFuture(Done.getInstance());
    if (result == QueueOfferResult.dropped()) {
      return CompletableFuture.failedFuture(new LimitExceededException(
          "The outbound queue of connection " + connectionId() + " is full"));
    }
    return CompletableFuture.failedFuture(new GoneException("The connection " + connectionId() + " is gone"));
  }

  /** What GetConnection tells: when the connection was opened and last active, and its identity. */
  public ConnectionDescription describe() {
    return new ConnectionDescription(info.connectionId(), info.connectedAt(), lastActiveAt, info.sourceIp(),
        info.userAgent());
  }

  /**
   * DeleteConnection: closes the connection with 1000 at once, ahead of queued messages (a client that does not read
   * would never take them); {@code $disconnect} runs when the stream has ended. Nothing to do once it has.
   */
  public void disconnect() {
    if (!ended.get()) close(CloseStatus.DELETED);
  }

  /** The stream has ended: answers true the first time only, so its end is handled once. */
  boolean end() {
    return ended.compareAndSet(false, true);
  }

  /**
   * Queues a message for the client; {@code Dropped} when the queue is full (in messages or bytes),
   * {@code QueueClosed} when the connection is gone.
   */
  public QueueOfferResult push(ServerMessage message) {
    BoundedSourceQueue<ServerMessage> queue = outbound;
    if (queue == null) return QueueOfferResult.closed();
    long size = sizeOf(message);
    long queued;
    do {
      queued = queuedBytes.get();
      // A message alone in the queue is always taken (see OutboundLimits), else the byte bound holds.
      if (queued > 0 && queued + size > maxQueuedBytes) return QueueOfferResult.dropped();
    } while (!queuedBytes.compareAndSet(queued, queued + size));
    QueueOfferResult result = queue.offer(message);
    if (result != QueueOfferResult.enqueued()) queuedBytes.addAndGet(-size);
    return result;
  }

  /** The stream took {@code message} from the queue to write it to the socket. */
  void taken(ServerMessage message) {
    queuedBytes.addAndGet(-sizeOf(message));
  }

  /** The stream has ended: what the queue held is gone with it. */
  void discardQueued() {
    queuedBytes.set(0);
  }

  /** Bytes of payload waiting in the outbound queue. */
  public long queuedBytes() {
    return queuedBytes.get();
  }

  /**
   * Records how the connection closes (the socket's codec calls it as soon as it knows) and answers the status that
   * stands: the first one recorded, which {@code $disconnect} reports and the client's close frame carries — {@code
   * status}, or the one a {@link #close} recorded before the codec saw its stream end.
   */
  public CloseStatus closed(CloseStatus status) {
    CloseStatus first = closeStatus.compareAndExchange(null, status);
    return first == null ? status : first;
  }

  /** How the connection closed, or null if nobody said (a host that runs its own WebSocket). */
  public CloseStatus closeStatus() {
    return closeStatus.get();
  }

  /**
   * Ends the connection's stream now, ahead of anything queued: the client gets a close with {@code status}, then (as
   * for every end of the stream) the connection is unregistered and {@code $disconnect} runs with {@code status}.
   */
  void close(CloseStatus status) {
    closed(status);
    KillSwitch stream = killSwitch;
    if (stream != null) stream.shutdown();
  }

  /** Completes when the connection is gone and its {@code $disconnect} has run (or failed). */
  public CompletableFuture<Done> finished() {
    return finished;
  }

  /** Payload bytes of a message: UTF-8 length of a text, length of a binary, 0 for a close. */
  static long sizeOf(ServerMessage message) {
    if (message instanceof ServerMessage.Text text) return utf8Length(text.text());
    if (message instanceof ServerMessage.Binary binary) return binary.bytes().size();
    return 0;
  }

  private static long utf8Length(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) bytes += 1;
      else if (c < 0x800) bytes += 2;
      else if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else bytes += 3;
    }
    return bytes;
  }
}
