package router.connection;

import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Source;
import router.runtime.ClientMessage;
import router.runtime.MessageProcessor;
import router.runtime.ServerMessage;

/**
 * The per-connection pipeline: client messages in, at most {@code maxInFlight} of them being processed at once
 * (order kept), replies out, merged with messages pushed to the connection's outbound queue. A slow integration
 * stops reads from this socket only (TCP back-pressure); nothing is buffered without bound.
 */
public final class ConnectionFlow {
  private ConnectionFlow() {}

  /**
   * The flow of one connection. Registers it and starts its {@link ConnectionActor} when the stream starts,
   * and tells the actor when the stream ends, however it ends.
   */
  public static Flow<ClientMessage, ServerMessage, NotUsed> create(
      Connection connection, ConnectionRegistry registry, int maxInFlight, int outboundBuffer) {
    MessageProcessor processor = registry.processor();
    Source<ServerMessage, NotUsed> pushed = Source.<ServerMessage>queue(outboundBuffer)
        .mapMaterializedValue(queue -> {
          connection.attach(queue);
          registry.open(connection);
          return NotUsed.getInstance();
        });
    return Flow.<ClientMessage>create()
        .mapAsync(maxInFlight, message -> {
          connection.touch(System.currentTimeMillis());
          return processor.onMessage(connection.info(), message);
        })
        .filter(reply -> reply != MessageProcessor.NOTHING)
        // eagerComplete: when the client side ends (close or abort), pushed messages have nowhere to go.
        .merge(pushed, true)
        .watchTermination((notUsed, done) -> {
          done.whenComplete((ok, failure) -> connection.actor().tell(new ConnectionActor.StreamTerminated()));
          return NotUsed.getInstance();
        });
  }
}
