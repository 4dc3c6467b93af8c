package chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import router.embed.RouterConnections;
import router.integration.EventContext;
import router.integration.actor.HostActorIntegration;

/**
 * The integration backend of the chat API: registered with the Receptionist under {@link #SERVICE}, it receives
 * each event of the routes {@code joinroom}, {@code sendmessage} and {@code $disconnect} (a Lambda proxy event as
 * a record) and hands it to the room actor named by the message's {@code room}, creating rooms on first use.
 */
public final class Lobby extends AbstractBehavior<HostActorIntegration.Request> {
  /** The name in the integration URI {@code arn:aws:apigateway:{region}:actor:path/chat-lobby}. */
  public static final String SERVICE = "chat-lobby";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final RouterConnections connections;
  private final Map<String, ActorRef<Room.Command>> rooms = new HashMap<>();

  public static Behavior<HostActorIntegration.Request> create(RouterConnections connections) {
    return Behaviors.setup(context -> new Lobby(context, connections));
  }

  private Lobby(ActorContext<HostActorIntegration.Request> context, RouterConnections connections) {
    super(context);
    this.connections = connections;
  }

  @Override
  public Receive<HostActorIntegration.Request> createReceive() {
    return newReceiveBuilder().onMessage(HostActorIntegration.Request.class, this::onEvent).build();
  }

  private Behavior<HostActorIntegration.Request> onEvent(HostActorIntegration.Request request) {
    EventContext event = request.event();
    String connectionId = event.connectionId();
    switch (event.routeKey()) {
      case "$disconnect" -> {
        rooms.values().forEach(room -> room.tell(new Room.Leave(connectionId)));
        request.replyTo().tell(HostActorIntegration.Response.ok(""));
      }
      case "joinroom", "sendmessage" -> {
        JsonNode body = parse(event.body());
        String name = body.path("room").asText("");
        if (name.isEmpty()) {
          request.replyTo().tell(HostActorIntegration.Response.ok("{\"error\":\"room is missing\"}"));
        } else if (event.routeKey().equals("joinroom")) {
          room(name).tell(new Room.Join(connectionId, request.replyTo()));
        } else {
          room(name).tell(new Room.Say(connectionId, body.path("text").asText(""), request.replyTo()));
        }
      }
      default -> request.replyTo().tell(HostActorIntegration.Response.ok(""));
    }
    return this;
  }

  private ActorRef<Room.Command> room(String name) {
    return rooms.computeIfAbsent(name, n -> getContext().spawnAnonymous(Room.create(n, connections)));
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body == null ? "" : body);
    } catch (Exception e) {
      return JSON.createObjectNode();
    }
  }
}
