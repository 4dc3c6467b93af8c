package router.loadtest.baseline;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.extractUnmatchedPath;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.handleWebSocketMessages;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;

import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.stream.javadsl.Flow;

/**
 * The baseline: a bare pekko-http WebSocket echo ({@code handleWebSocketMessages} of an identity
 * flow) on every path, what a Pekko user gets for free. Under {@code /push/...} the same echo
 * with a connectionId, "who am I" and {@code POST /push/.../@connections/{id}}, the baseline of
 * push mode. {@code GET /health/ready} answers 200.
 */
public final class EchoServer {

  private static final String CONNECTIONS_SEGMENT = "/@connections/";

  private EchoServer() {}

  /** The server's route; {@code registry} backs the push paths. */
  public static Route route(PushRegistry registry) {
    Flow<Message, Message, ?> echo = Flow.create();
    return concat(
        pathPrefix("health", () -> path("ready", () -> get(() -> complete(StatusCodes.OK)))),
        pathPrefix("push", () -> concat(
            post(() -> extractUnmatchedPath(rest -> {
              int at = rest.indexOf(CONNECTIONS_SEGMENT);
              if (at < 0) return complete(StatusCodes.NOT_FOUND);
              String id = rest.substring(at + CONNECTIONS_SEGMENT.length());
              return entity(Unmarshaller.entityToString(), body -> complete(registry.push(id, body)));
            })),
            handleWebSocketMessages(registry.connectionFlow()))),
        handleWebSocketMessages(echo));
  }

  /** Binds the echo server on {@code host:port} (port 0 = any free port). */
  public static CompletionStage<ServerBinding> start(ActorSystem system, String host, int port) {
    return Http.get(system).newServerAt(host, port).bind(route(new PushRegistry()));
  }
}
