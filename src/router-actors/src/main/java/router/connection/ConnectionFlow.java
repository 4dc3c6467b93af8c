package router.connection;

import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Source;
import router.metrics.StageMetrics;
import router.runtime.ClientMessage;
import router.runtime.CompiledStage;
import router.runtime.MessageProcessor;
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
   * The flow of one connection. Registers it and starts its {@link ConnectionActor} when the stream starts,
   * and tells the actor when the stream ends, however it ends.
   */
  public static Flow<ClientMessage, ServerMessage, NotUsed> create(
      Connection connection, ConnectionRegistry registry, int maxInFlight, OutboundLimits limits) {
    MessageProcessor processor = registry.processor();
    // Bytes count as queued until the socket's side of the stream pulls them: past this point a message waits only
    // in the codec's one-frame outbox and the socket's own bounded buffers.
    Source<ServerMessage, BoundedSourceQueue<ServerMessage>> pushed =
        Source.<ServerMessage>queue(limits.maxMessages()).map(message -> {
          connection.taken(message);
          metrics(connection).messageSent();
          return message;
        });
    return Flow.<ClientMessage>create()
        .mapAsync(maxInFlight, message -> {
          connection.touch(System.currentTimeMillis());
          metrics(connection).messageReceived();
          return processor.onMessage(connection.info(), message);
        })
        .filter(reply -> {
          if (reply == MessageProcessor.NOTHING) return false;
          if (!(reply instanceof ServerMessage.Close)) metrics(connection).messageSent();
          return true;
        })
        // eagerComplete: when the client side ends (close or abort), pushed messages have nowhere to go.
        .mergeMat(pushed, Keep.right(), true)
        // @connections DELETE ends the stream at once, ahead of what the queue holds (the client may not read).
        .viaMat(KillSwitches.single(), Keep.both())
        .watchTermination((queueAndSwitch, done) -> {
          connection.attach(queueAndSwitch.first(), limits.maxBytes(), queueAndSwitch.second());
          registry.open(connection);
          done.whenComplete((ok, failure) -> connection.actor().tell(new ConnectionActor.StreamTerminated()));
          return NotUsed.getInstance();
        });
  }

  // The counters of what the connection's stage serves now (bound when it was compiled); none once it is retired.
  private static StageMetrics metrics(Connection connection) {
    CompiledStage stage = connection.info().stage().current();
    return stage == null ? StageMetrics.NONE : stage.metrics();
  }
}
