package router.embed;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.util.ByteString;
import router.CborSerializable;
import router.connection.ConnectionDescription;
import router.connection.ConnectionService;
import router.errors.ApiGatewayException;

/**
 * The {@code @connections} operations of one Router node offered to the nodes of the cluster that do not run
 * Router: registered with the Receptionist under the node's tag ({@link #serviceKey}), so a caller reaches the node
 * that owns a connection id in one hop. Stateless: each call is handed to the node's {@link ConnectionService}.
 */
public final class ConnectionsGateway {
  private static final String KEY_PREFIX = "router-connections-";

  /** What the gateway understands; crosses the cluster. */
  public sealed interface Command extends CborSerializable {}

  /** PostToConnection: {@code data} as one text message when valid UTF-8, else as one binary message. */
  public record Post(String connectionId, byte[] data, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /** GetConnection. */
  public record Describe(String connectionId, ActorRef<StatusReply<ConnectionDescription>> replyTo)
      implements Command {}

  /** DeleteConnection. */
  public record Close(String connectionId, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  private ConnectionsGateway() {}

  /** The Receptionist key of the gateway of the node whose connection ids carry {@code nodeTag}. */
  public static ServiceKey<Command> serviceKey(int nodeTag) {
    return ServiceKey.create(Command.class, KEY_PREFIX + nodeTag);
  }

  public static Behavior<Command> create(ConnectionService connections) {
    return Behaviors.receive(Command.class)
        .onMessage(Post.class, post -> onPost(connections, post))
        .onMessage(Describe.class, describe -> onDescribe(connections, describe))
        .onMessage(Close.class, close -> onClose(connections, close))
        .build();
  }

  private static Behavior<Command> onPost(ConnectionService connections, Post post) {
    reply(connections.post(null, null, post.connectionId(), ByteString.fromArray(post.data())), post.replyTo());
    return Behaviors.same();
  }

  private static Behavior<Command> onDescribe(ConnectionService connections, Describe describe) {
    reply(connections.describe(null, null, describe.connectionId()), describe.replyTo());
    return Behaviors.same();
  }

  private static Behavior<Command> onClose(ConnectionService connections, Close close) {
    reply(connections.close(null, null, close.connectionId()), close.replyTo());
    return Behaviors.same();
  }

  // No state is touched: the reply is told from the completing thread.
  private static <T> void reply(CompletionStage<T> result, ActorRef<StatusReply<T>> replyTo) {
    result.whenComplete((value, failure) -> {
      if (failure == null) {
        replyTo.tell(StatusReply.success(value));
      } else {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        // API Gateway's errors cross the cluster with their type (bound to pekko-misc); others as their message.
        replyTo.tell(cause instanceof ApiGatewayException
            ? StatusReply.error(cause) : StatusReply.error(String.valueOf(cause.getMessage())));
      }
    });
  }
}
