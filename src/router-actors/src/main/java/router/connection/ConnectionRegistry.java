package router.connection;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
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
