package router.connection;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;
import router.runtime.ConnectionInfo;
import router.runtime.ServerMessage;

/**
 * A live WebSocket connection on this node: its identity, when it was last active, and its bounded outbound queue
 * (messages pushed to the client besides the replies of its own messages), and its {@link ConnectionActor}.
 * Registered in {@link ConnectionRegistry} while the socket is open.
 */
public final class Connection {
  private final ConnectionInfo info;
  private volatile long lastActiveAt;
  private volatile BoundedSourceQueue<ServerMessage> outbound;
  private volatile ActorRef<ConnectionActor.Command> actor;

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

  void attach(BoundedSourceQueue<ServerMessage> queue) {
    this.outbound = queue;
  }

  void actor(ActorRef<ConnectionActor.Command> ref) {
    this.actor = ref;
  }

  /** The connection's actor (null before its stream started). */
  public ActorRef<ConnectionActor.Command> actor() {
    return actor;
  }

  /** Queues a message for the client; {@code Dropped} when the queue is full, {@code QueueClosed} when gone. */
  public QueueOfferResult push(ServerMessage message) {
    BoundedSourceQueue<ServerMessage> queue = outbound;
    return queue == null ? QueueOfferResult.closed() : queue.offer(message);
  }
}
