package router.node.ws;

import java.util.Optional;
import java.util.function.IntConsumer;
import org.apache.pekko.http.impl.engine.ws.FrameEvent;
import org.apache.pekko.http.impl.engine.ws.UpgradeToWebSocketLowLevel;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.ws.WebSocketUpgrade;
import org.apache.pekko.stream.FlowShape;
import org.apache.pekko.stream.Graph;
import org.apache.pekko.stream.javadsl.Flow;
import router.runtime.ClientMessage;
import router.runtime.ServerMessage;
import scala.Option;

/** Answers a WebSocket upgrade request by running {@link WebSocketFrameCodec} between the socket and an app flow. */
public final class WebSocketUpgrades {

  private WebSocketUpgrades() {}

  /** The 101 response that runs {@code app} on the connection, or empty if {@code request} is not an upgrade. */
  public static Optional<HttpResponse> handle(
      HttpRequest request, Flow<ClientMessage, ServerMessage, ?> app, WebSocketSettings settings) {
    return request.getAttribute(AttributeKeys.webSocketUpgrade)
        .map(upgrade -> handle(upgrade, app, settings, Optional.empty()));
  }

  /**
   * The 101 response that runs {@code app} on the connection, choosing {@code subprotocol} (one the client offered).
   *
   * @throws IllegalArgumentException if the upgrade does not come from pekko-http's server engine
   */
  public static HttpResponse handle(
      WebSocketUpgrade upgrade,
      Flow<ClientMessage, ServerMessage, ?> app,
      WebSocketSettings settings,
      Optional<String> subprotocol) {
    return handle(upgrade, app, settings, subprotocol, "-");
  }

  /** As the method above, naming the connection ({@code label}, its id) in the codec's log lines. */
  public static HttpResponse handle(
      WebSocketUpgrade upgrade,
      Flow<ClientMessage, ServerMessage, ?> app,
      WebSocketSettings settings,
      Optional<String> subprotocol,
      String label) {
    return handle(upgrade, app, settings, subprotocol, label, code -> { });
  }

  /** As the method above, telling {@code onClosed} the close code the connection ended with (1006: none). */
  public static HttpResponse handle(
      WebSocketUpgrade upgrade,
      Flow<ClientMessage, ServerMessage, ?> app,
      WebSocketSettings settings,
      Optional<String> subprotocol,
      String label,
      IntConsumer onClosed) {
    if (!(upgrade instanceof UpgradeToWebSocketLowLevel lowLevel)) {
      throw new IllegalArgumentException("Not a pekko-http server upgrade: " + upgrade.getClass().getName());
    }
    Graph<FlowShape<FrameEvent, FrameEvent>, ?> frames =
        WebSocketFrameCodec.bidiFlow(settings, label, onClosed).join(app);
    return lowLevel.handleFrames(anyMaterializedValue(frames), Option.apply(subprotocol.orElse(null)));
  }

  /** handleFrames takes Scala's {@code Graph[_, Any]}; Java generics cannot express that covariance. */
  @SuppressWarnings("unchecked")
  private static Graph<FlowShape<FrameEvent, FrameEvent>, Object> anyMaterializedValue(Graph<?, ?> graph) {
    return (Graph<FlowShape<FrameEvent, FrameEvent>, Object>) graph;
  }
}
