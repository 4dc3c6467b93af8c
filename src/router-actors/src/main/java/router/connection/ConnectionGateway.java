package router.connection;

import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.util.ByteString;
import java.util.concurrent.CompletionStage;
import router.CborSerializable;
import router.errors.ApiGatewayException;
import router.errors.InternalServerErrorException;

/**
 * One per node: the door through which other nodes reach this node's connections. {@code @connections} on another
 * node sends the operation here in one hop (it found this actor from the node tag in the connection id, through
 * {@link ConnectionGateways}); the gateway runs it on the {@link Connection} and replies. It also keeps this node's
 * {@link ConnectionGateways} up to date from the receptionist's listing of every node's gateway.
 */
public final class ConnectionGateway {

  /** Every node's gateway is registered under this key; its actor name carries the node tag. */
  public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "router-connection-gateways");

  /** What a gateway understands. */
  public sealed interface Command {}

  /** PostToConnection: {@code data} as one text message when it is UTF-8, else binary; apiId/stage may be null. */
  public record Post(String apiId, String stageName, String connectionId, byte[] data,
      ActorRef<StatusReply<Done>> replyTo) implements Command, CborSerializable {}

  /** GetConnection. */
  public record Describe(String apiId, String stageName, String connectionId,
      ActorRef<StatusReply<ConnectionDescription>> replyTo) implements Command, CborSerializable {}

  /** DeleteConnection. */
  public record Close(String apiId, String stageName, String connectionId, ActorRef<StatusReply<Done>> replyTo)
      implements Command, CborSerializable {}

  private record Listed(Receptionist.Listing listing) implements Command {}

  private ConnectionGateway() {}

  /** The actor name of a gateway: this prefix, then its node's tag. */
  static final String NAME_PREFIX = "routerConnections-";

  /** The actor name of the gateway of the node with {@code nodeTag}. */
  public static String name(int nodeTag) {
    return NAME_PREFIX + nodeTag;
  }

  static Behavior<Command> create(ConnectionService local, ConnectionGateways gateways) {
    return Behaviors.setup(context -> {
      context.getSystem().receptionist().tell(Receptionist.register(KEY, context.getSelf()));
      context.getSystem().receptionist().tell(Receptionist.subscribe(KEY,
          context.messageAdapter(Receptionist.Listing.class, Listed::new)));
      return Behaviors.receive(Command.class)
          .onMessage(Post.class, post -> reply(
              local.postLocal(post.apiId(), post.stageName(), post.connectionId(), ByteString.fromArray(post.data())),
              post.replyTo()))
          .onMessage(Describe.class, describe -> reply(
              local.describeLocal(describe.apiId(), describe.stageName(), describe.connectionId()),
              describe.replyTo()))
          .onMessage(Close.class, close -> reply(
              local.closeLocal(close.apiId(), close.stageName(), close.connectionId()), close.replyTo()))
          .onMessage(Listed.class, listed -> {
            gateways.update(listed.listing().getServiceInstances(KEY), listed.listing().getAllServiceInstances(KEY));
            return Behaviors.same();
          })
          .build();
    });
  }

  // The operation completes on the Connection (at once, no actor in between); its outcome goes straight back to the
  // caller's node.
  private static <T> Behavior<Command> reply(CompletionStage<T> outcome, ActorRef<StatusReply<T>> replyTo) {
    outcome.whenComplete((value, failure) -> replyTo.tell(
        failure == null ? StatusReply.success(value) : StatusReply.error(crossable(failure))));
    return Behaviors.same();
  }

  // API Gateway errors cross the cluster with their type (GoneException, LimitExceededException); anything else
  // (an ask timeout) becomes a 500 with its message.
  private static Throwable crossable(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause instanceof ApiGatewayException ? cause : new InternalServerErrorException(String.valueOf(cause));
  }
}
