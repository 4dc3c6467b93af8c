package router.connection;

import org.apache.pekko.Done;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.util.ByteString;
import router.CborSerializable;
import router.errors.GoneException;
import router.errors.LimitExceededException;
import router.runtime.CloseStatus;
import router.runtime.ConnectionInfo;
import router.runtime.MessageProcessor;
import router.runtime.ServerMessage;

/**
 * One actor per WebSocket connection, on the node that holds the socket: the connection's address for sending to
 * it, describing it and closing it, and the owner of its lifecycle — when the socket's stream ends it unregisters
 * the connection, runs {@code $disconnect} (best effort) and stops. Messages of the client never pass through it:
 * they flow through the connection's stream ({@link ConnectionFlow}).
 */
public final class ConnectionActor extends AbstractBehavior<ConnectionActor.Command> {

  /** What a connection actor understands. */
  public sealed interface Command {}

  /** Sends a text message to the client; refused with 429 when its outbound queue is full, 410 when gone. */
  public record Send(String data, ActorRef<StatusReply<Done>> replyTo) implements Command, CborSerializable {}

  /** Sends a binary message to the client; refused as {@link Send} is. */
  public record SendBinary(byte[] data, ActorRef<StatusReply<Done>> replyTo) implements Command, CborSerializable {}

  /** Describes the connection. */
  public record Describe(ActorRef<ConnectionDescription> replyTo) implements Command, CborSerializable {}

  /**
   * Closes the connection with 1000 (normal closure) at once, ahead of queued messages; {@code $disconnect} runs
   * when the stream has ended, with API Gateway's {@code disconnectReason} for a DELETE.
   */
  public record Disconnect(ActorRef<Done> replyTo) implements Command, CborSerializable {}

  /** The connection's stream has ended, however it ended. Local only: sent by the stream on this node. */
  record StreamTerminated() implements Command, NoSerializationVerificationNeeded {}

  private record DisconnectRouteDone() implements Command, NoSerializationVerificationNeeded {}

  private final Connection connection;
  private final MessageProcessor processor;
  private final ConnectionRegistry registry;
  private boolean terminated;

  static Behavior<Command> create(Connection connection, MessageProcessor processor, ConnectionRegistry registry) {
    return Behaviors.setup(context -> new ConnectionActor(context, connection, processor, registry));
  }

  private ConnectionActor(ActorContext<Command> context, Connection connection, MessageProcessor processor,
      ConnectionRegistry registry) {
    super(context);
    this.connection = connection;
    this.processor = processor;
    this.registry = registry;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Send.class, send -> onSend(new ServerMessage.Text(send.data()), send.replyTo()))
        .onMessage(SendBinary.class,
            send -> onSend(new ServerMessage.Binary(ByteString.fromArray(send.data())), send.replyTo()))
        .onMessage(Describe.class, this::onDescribe)
        .onMessage(Disconnect.class, this::onDisconnect)
        .onMessage(StreamTerminated.class, this::onStreamTerminated)
        .onMessage(DisconnectRouteDone.class, done -> Behaviors.stopped())
        .onSignal(PostStop.class, stopped -> {
          connection.finished().complete(Done.getInstance());
          return this;
        })
        .build();
  }

  private Behavior<Command> onSend(ServerMessage message, ActorRef<StatusReply<Done>> replyTo) {
    QueueOfferResult result = terminated ? QueueOfferResult.closed() : connection.push(message);
    if (result == QueueOfferResult.enqueued()) {
      replyTo.tell(StatusReply.ack());
    } else if (result == QueueOfferResult.dropped()) {
      replyTo.tell(StatusReply.error(new LimitExceededException(
          "The outbound queue of connection " + connection.connectionId() + " is full")));
    } else {
      replyTo.tell(StatusReply.error(new GoneException(
          "The connection " + connection.connectionId() + " is gone")));
    }
    return this;
  }

  private Behavior<Command> onDescribe(Describe describe) {
    ConnectionInfo info = connection.info();
    describe.replyTo().tell(new ConnectionDescription(info.connectionId(), info.connectedAt(),
        connection.lastActiveAt(), info.sourceIp(), info.userAgent()));
    return this;
  }

  private Behavior<Command> onDisconnect(Disconnect disconnect) {
    if (!terminated) connection.close(CloseStatus.DELETED);
    disconnect.replyTo().tell(Done.getInstance());
    return this;
  }

  private Behavior<Command> onStreamTerminated(StreamTerminated terminated) {
    if (this.terminated) return this;
    this.terminated = true;
    registry.unregister(connection);
    connection.discardQueued();
    getContext().pipeToSelf(processor.onDisconnect(connection.info(), connection.closeStatus()),
        (done, failure) -> new DisconnectRouteDone());
    return this;
  }
}
