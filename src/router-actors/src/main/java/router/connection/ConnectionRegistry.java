package router.connection;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The connections whose sockets this node holds, by connection id. */
public final class ConnectionRegistry {
  private final Map<String, Connection> connections = new ConcurrentHashMap<>();

  public void register(Connection connection) {
    connections.put(connection.connectionId(), connection);
  }

  public void unregister(Connection connection) {
    connections.remove(connection.connectionId(), connection);
  }

  /** The connection with this id on this node, or null. */
  public Connection get(String connectionId) {
    return connections.get(connectionId);
  }

  public int size() {
    return connections.size();
  }
}
