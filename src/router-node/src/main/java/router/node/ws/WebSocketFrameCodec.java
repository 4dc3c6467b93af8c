package router.node.ws;

import java.util.function.UnaryOperator;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.impl.engine.ws.FrameEvent;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.BidiShape;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.javadsl.BidiFlow;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;
import router.runtime.ClientMessage;
import router.runtime.CloseStatus;
import router.runtime.ServerMessage;

/** Server side of RFC 6455 over pekko-http's parsed frames, between one client socket and its app flow. */
public final class WebSocketFrameCodec
    extends GraphStage<BidiShape<FrameEvent, ClientMessage, ServerMessage, FrameEvent>> {

  final Inlet<FrameEvent> frameIn = Inlet.create("WebSocketFrameCodec.frameIn");
  final Outlet<ClientMessage> messageOut = Outlet.create("WebSocketFrameCodec.messageOut");
  final Inlet<ServerMessage> messageIn = Inlet.create("WebSocketFrameCodec.messageIn");
  final Outlet<FrameEvent> frameOut = Outlet.create("WebSocketFrameCodec.frameOut");
  private final BidiShape<FrameEvent, ClientMessage, ServerMessage, FrameEvent> shape =
      BidiShape.of(frameIn, messageOut, messageIn, frameOut);
  final WebSocketSettings settings;
  final String label;
  final UnaryOperator<CloseStatus> onClosed;

  /** @param label names the connection in log lines (its connection id) */
  public WebSocketFrameCodec(WebSocketSettings settings, String label) {
    this(settings, label, UnaryOperator.identity());
  }

  /**
   * @param label names the connection in log lines (its connection id)
   * @param onClosed told once, as soon as it is known and before the app flow sees the end of the connection, how
   *     the connection closes (the client's close code and reason, or the gateway's); it answers the status that
   *     stands, which may be one the app's side recorded before ending its flow (it is then the close frame's)
   */
  public WebSocketFrameCodec(WebSocketSettings settings, String label, UnaryOperator<CloseStatus> onClosed) {
    this.settings = settings;
    this.label = label;
    this.onClosed = onClosed;
  }

  /** The codec of one connection, named in log lines by {@code label} (its connection id). */
  public static BidiFlow<FrameEvent, ClientMessage, ServerMessage, FrameEvent, NotUsed> bidiFlow(
      WebSocketSettings settings, String label) {
    return BidiFlow.fromGraph(new WebSocketFrameCodec(settings, label));
  }

  /** As {@link #bidiFlow(WebSocketSettings, String)}, telling {@code onClosed} how the connection closes. */
  public static BidiFlow<FrameEvent, ClientMessage, ServerMessage, FrameEvent, NotUsed> bidiFlow(
      WebSocketSettings settings, String label, UnaryOperator<CloseStatus> onClosed) {
    return BidiFlow.fromGraph(new WebSocketFrameCodec(settings, label, onClosed));
  }

  @Override
  public BidiShape<FrameEvent, ClientMessage, ServerMessage, FrameEvent> shape() {
    return shape;
  }

  @Override
  public Attributes initialAttributes() {
    return Attributes.name("webSocketFrameCodec");
  }

  @Override
  public GraphStageLogic createLogic(Attributes inheritedAttributes) {
    return new FrameCodecLogic(this);
  }
}
