package router.integration.actor;

import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import router.CborSerializable;
import router.integration.EventContext;

/**
 * The protocol between Router and an actor of the host application that serves as an integration backend. The host
 * registers its actor with the Receptionist under {@link #serviceKey(String)}; a route whose integration has the
 * URI {@code arn:aws:apigateway:{region}:actor:path/{name}} (type AWS_PROXY) then sends it a {@link Request} per
 * event and waits for the {@link Response} within the integration's timeout, as for a Lambda proxy integration.
 */
public final class HostActorIntegration {
  static final String KEY_PREFIX = "router-integration-";

  private HostActorIntegration() {}

  /**
   * One event: what a Lambda proxy integration receives, as a record ({@code event.body()} is the message on
   * MESSAGE events). {@code body} is what the request template rendered, or the message itself without one.
   */
  public record Request(EventContext event, String body, ActorRef<Response> replyTo) implements CborSerializable {}

  /**
   * The actor's answer, read as a Lambda proxy answer: the status code decides (a non-2xx status refuses a
   * {@code $connect}), the body goes back to the client on two-way routes, headers answer the handshake on
   * {@code $connect} (e.g. {@code Sec-WebSocket-Protocol}).
   */
  public record Response(int statusCode, Map<String, String> headers, String body) implements CborSerializable {

    public static Response ok(String body) {
      return new Response(200, Map.of(), body);
    }
  }

  /** The Receptionist key under which the host registers the actor that serves {@code name}. */
  public static ServiceKey<Request> serviceKey(String name) {
    return ServiceKey.create(Request.class, KEY_PREFIX + name);
  }
}
