package router.node.ws;

import java.nio.charset.CharacterCodingException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.IntConsumer;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.impl.engine.ws.FrameEvent;
import org.apache.pekko.http.impl.engine.ws.FrameHeader;
import org.apache.pekko.http.impl.engine.ws.FrameStart;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.BidiShape;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.javadsl.BidiFlow;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;
import org.apache.pekko.stream.stage.TimerGraphStageLogic;
import org.apache.pekko.util.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import router.protocol.CloseCodes;
import router.protocol.GatewayMessages;
import router.runtime.ClientMessage;
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
  final IntConsumer onClosed;

  /** @param label names the connection in log lines (its connection id) */
  public WebSocketFrameCodec(WebSocketSettings settings, String label) {
    this(settings, label, code -> { });
  }

  /** @param onClosed told, once, the close code the connection ended with (1006 when it ended without one) */
  public WebSocketFrameCodec(WebSocketSettings settings, String label, IntConsumer onClosed) {
    this.settings = settings;
    this.label = label;
    this.onClosed = onClosed;
  }

  /** The codec of one connection, named in log lines by {@code label} (its connection id). */
  public static BidiFlow<FrameEvent, ClientMessage, ServerMessage, FrameEvent, NotUsed> bidiFlow(
      WebSocketSettings settings, String label) {
    return BidiFlow.fromGraph(new WebSocketFrameCodec(settings, label));
  }

  /** As above, telling {@code onClosed} the close code the connection ended with. */
  public static BidiFlow<FrameEvent, ClientMessage, ServerMessage, FrameEvent, NotUsed> bidiFlow(
      WebSocketSettings settings, String label, IntConsumer onClosed) {
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
