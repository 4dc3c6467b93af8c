package router.connection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.Done;
import router.runtime.CloseStatus;
import router.runtime.ConnectionInfo;
import router.runtime.MessageProcessor;

/**
 * The connections whose sockets this node holds, by connection id. A connection is registered when its stream starts
 * and, when the stream ends however it ends, unregistered before its {@code $disconnect} runs. No actor per
 * connection: {@code @connections} works on the {@link Connection} itself, which is safe from any thread.
 */
public final class ConnectionRegistry {
  private final MessageProcessor processor;
  private final Map<String, Connection> connections = new ConcurrentHashMap<>();

  public ConnectionRegistry(MessageProcessor processor) {
    this.processor = processor;
  }

  /** Registers a connection whose stream has started. */
  void open(Connection connection) {
    connections.put(connection.connectionId(), connection);
  }

  /**
   * The connection's stream has ended, however it ended: unregisters it, drops what its queue held, runs {@code
   * $disconnect} (best effort) and then completes {@link Connection#finished}. Only the first call does anything.
   */
  void ended(Connection connection) {
    if (!connection.end()) return;
    connections.remove(connection.connectionId(), connection);
    connection.discardQueued();
    CompletionStage<Done> disconnected;
    try {
      disconnected = processor.onDisconnect(connection.info(), connection.closeStatus());
    } catch (RuntimeException e) {
      disconnected = CompletableFuture.failedFuture(e);
    }
    disconnected.whenComplete((done, failure) -> connection.finished().complete(Done.getInstance()));
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
