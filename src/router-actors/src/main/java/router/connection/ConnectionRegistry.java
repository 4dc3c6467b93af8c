package router.connection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import router.runtime.CloseStatus;
import router.runtime.ConnectionInfo;
import router.runtime.MessageProcessor;

/** The connections whose sockets this node holds, by connection id, each with its {@link ConnectionActor}. */
public final class ConnectionRegistry {
  private final ActorSystem<?> system;
  private final MessageProcessor processor;
  private final Map<String, Connection> connections = new ConcurrentHashMap<>();

  public ConnectionRegistry(ActorSystem<?> system, MessageProcessor processor) {
    this.system = system;
    this.processor = processor;
  }

  /** Starts the actor of a connection whose stream has started, and registers the connection. */
  ActorRef<ConnectionActor.Command> open(Connection connection) {
    ActorRef<ConnectionActor.Command> actor = system.systemActorOf(
        ConnectionActor.create(connection, processor, this), "connection-" + connection.connectionId(),
        Props.empty());
    connection.actor(actor);
    connections.put(connection.connectionId(), connection);
    return actor;
  }

  void unregister(Connection connection) {
    connections.remove(connection.connectionId(), connection);
  }

  /**
   * Closes every connection of one stage on this node with {@code status} (its stage was deleted); each runs its
   * {@code $disconnect} with the stage it last served.
   */
  public void closeStage(String apiId, String stageName, CloseStatus status) {
    for (Connection connection : connections.values()) {
      ConnectionInfo info = connection.info();
      if (info.apiId().equals(apiId) && info.stageName().equals(stageName)) connection.close(status);
    }
  }

  /**
   * Closes every connection on this node with {@code status} (the node shuts down); completes when each is gone and
   * has run its {@code $disconnect}.
   */
  public CompletableFuture<Done> closeAll(CloseStatus status) {
    List<CompletableFuture<Done>> finished = new ArrayList<>();
    for (Connection connection : connections.values()) {
      finished.add(connection.finished());
      connection.close(status);
    }
    return CompletableFuture.allOf(finished.toArray(CompletableFuture[]::new)).thenApply(all -> Done.getInstance());
  }

  /** The connection with this id on this node, or null. */
  public Connection get(String connectionId) {
    return connections.get(connectionId);
  }

  /** Bytes waiting in the outbound queues of all connections on this node. */
  public long queuedBytes() {
    long total = 0;
    for (Connection connection : connections.values()) total += connection.queuedBytes();
    return total;
  }

  public int size() {
    return connections.size();
  }

  MessageProcessor processor() {
    return processor;
  }
}
