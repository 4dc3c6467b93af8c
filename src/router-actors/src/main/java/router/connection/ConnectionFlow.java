package router.connection;

import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Flow;
import router.metrics.StageMetrics;
import router.runtime.ClientMessage;
import router.runtime.CompiledStage;
import router.runtime.ServerMessage;

/**
 * The per-connection pipeline: client messages in, at most {@code maxInFlight} of them being processed at once
 * (order kept), replies out, merged with messages pushed to the connection's outbound queue. A slow integration
 * stops reads from this socket only (TCP back-pressure); a client that does not read fills only its own bounded
 * outbound queue. Nothing is buffered without bound.
 */
public final class ConnectionFlow {
  private ConnectionFlow() {}

  /** As {@link #create(Connection, ConnectionRegistry, int, OutboundLimits)}, bounded in messages only. */
  public static Flow<ClientMessage, ServerMessage, NotUsed> create(
      Connection connection, ConnectionRegistry registry, int maxInFlight, int outboundBuffer) {
    return create(connection, registry, maxInFlight, OutboundLimits.messages(outboundBuffer));
  }

  /**
   * The flow of one connection, one stage ({@link ConnectionStage}). Registers the connection when the stream
   * starts; when the stream ends, however it ends, unregisters it and runs its {@code $disconnect}
   * ({@link ConnectionRegistry#ended}).
   */
  public static Flow<ClientMessage, ServerMessage, NotUsed> create(
      Connection connection, ConnectionRegistry registry, int maxInFlight, OutboundLimits limits) {
    return Flow.fromGraph(new ConnectionStage(connection, registry, maxInFlight, limits));
  }

  // The counters of what the connection's stage serves now (bound when it was compiled); none once it is retired.
  static StageMetrics metrics(Connection connection) {
    CompiledStage stage = connection.info().stage().current();
    return stage == null ? StageMetrics.NONE : stage.metrics();
  }
}
