package chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import router.embed.RouterConnections;
import router.errors.GoneException;
import router.integration.actor.HostActorIntegration;

/**
 * One chat room: its members are WebSocket connection ids; what one says is pushed to every member through Router's
 * Java {@code @connections} API. A member whose connection is gone (410) leaves the room.
 */
public final class Room extends AbstractBehavior<Room.Command> {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a room understands. */
  public sealed interface Command extends ChatSerializable {}

  /** {@code connectionId} joins; the reply is the {@code joinroom} route's answer to that client. */
  public record Join(String connectionId, ActorRef<HostActorIntegration.Response> replyTo) implements Command {}

  /** {@code connectionId} says {@code text} (joining first if needed); every member receives it. */
  public record Say(String connectionId, String text, ActorRef<HostActorIntegration.Response> replyTo)
      implements Command {}

  /** {@code connectionId} leaves (its {@code $disconnect}). */
  public record Leave(String connectionId) implements Command {}

  /** A push found the connection gone. */
  private record Gone(String connectionId) implements Command {}

  /** A push was delivered, or failed otherwise (429: that member reads too slowly, and misses this message). */
  private record Pushed(String connectionId, String failure) implements Command {}

  private final String name;
  private final RouterConnections connections;
  private final Set<String> members = new LinkedHashSet<>();

  public static Behavior<Command> create(String name, RouterConnections connections) {
    return Behaviors.setup(context -> new Room(context, name, connections));
  }

  private Room(ActorContext<Command> context, String name, RouterConnections connections) {
    super(context);
    this.name = name;
    this.connections = connections;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Join.class, this::onJoin)
        .onMessage(Say.class, this::onSay)
        .onMessage(Leave.class, this::onLeave)
        .onMessage(Gone.class, this::onGone)
        .onMessage(Pushed.class, this::onPushed)
        .build();
  }

  private Behavior<Command> onJoin(Join join) {
    members.add(join.connectionId());
    ObjectNode answer = JSON.createObjectNode().put("joined", name).put("you", join.connectionId())
        .put("members", members.size());
    join.replyTo().tell(HostActorIntegration.Response.ok(answer.toString()));
    return this;
  }

  private Behavior<Command> onSay(Say say) {
    members.add(say.connectionId());
    String message = JSON.createObjectNode().put("room", name).put("from", say.connectionId())
        .put("text", say.text()).toString();
    for (String member : members) {
      getContext().pipeToSelf(connections.post(member, message), (done, failure) -> {
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        if (cause instanceof GoneException) return new Gone(member);
        return new Pushed(member, cause == null ? null : String.valueOf(cause));
      });
    }
    say.replyTo().tell(HostActorIntegration.Response.ok(""));
    return this;
  }

  private Behavior<Command> onLeave(Leave leave) {
    members.remove(leave.connectionId());
    return this;
  }

  private Behavior<Command> onGone(Gone gone) {
    members.remove(gone.connectionId());
    return this;
  }

  private Behavior<Command> onPushed(Pushed pushed) {
    if (pushed.failure() != null) {
      getContext().getLog().warn("Room {}: push to {} failed: {}", name, pushed.connectionId(), pushed.failure());
    }
    return this;
  }
}
