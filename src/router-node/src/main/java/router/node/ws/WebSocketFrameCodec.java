package router.node.ws;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.impl.engine.ws.FrameEvent;
import org.apache.pekko.http.impl.engine.ws.FrameHeader;
import org.apache.pekko.http.impl.engine.ws.FrameStart;
import org.apache.pekko.http.impl.engine.ws.Protocol;
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
import router.connection.ClientMessage;
import router.connection.ServerMessage;
import scala.Option;

/** Server side of RFC 6455 over pekko-http's parsed frames, between one client socket and its app flow. */
public final class WebSocketFrameCodec
    extends GraphStage<BidiShape<FrameEvent, ClientMessage, ServerMessage, FrameEvent>> {

  private static final Logger LOG = LoggerFactory.getLogger(WebSocketFrameCodec.class);

  // RFC 6455 §5.2 opcodes; any other value is reserved.
  private static final int OP_CONTINUATION = 0x0;
  private static final int OP_TEXT = 0x1;
  private static final int OP_BINARY = 0x2;
  private static final int OP_CLOSE = 0x8;
  private static final int OP_PING = 0x9;
  private static final int OP_PONG = 0xA;
  private static final int NO_MESSAGE = -1;

  /** RFC 6455 §5.5: all control frames have a payload of at most 125 bytes. */
  private static final int MAX_CONTROL_PAYLOAD = 125;
  private static final int CLOSE_CODE_BYTES = 2;
  private static final int MASK_KEY_BYTES = 4;

  /** Outbound frames held while the socket is busy: one app frame plus a few pongs, then we stop reading. */
  private static final int OUTBOX_CAPACITY = 4;

  private static final Protocol.Opcode TEXT = Protocol.Opcode$.MODULE$.forCode((byte) OP_TEXT);
  private static final Protocol.Opcode CLOSE = Protocol.Opcode$.MODULE$.forCode((byte) OP_CLOSE);
  private static final Protocol.Opcode PONG = Protocol.Opcode$.MODULE$.forCode((byte) OP_PONG);

  private static final String GOING_AWAY_REASON = "Going away";
  private static final String TOO_BIG_REASON = "Message too big";
  private static final String INTERNAL_ERROR_REASON = "Internal server error";

  private enum Timer { IDLE, MAX_DURATION, CLOSE }

  /** Where the payload of the frame being received goes; PEER_CLOSE is a close frame read while closing. */
  private enum Payload { MESSAGE, CONTROL, PEER_CLOSE, DISCARD }

  private final Inlet<FrameEvent> frameIn = Inlet.create("WebSocketFrameCodec.frameIn");
  private final Outlet<ClientMessage> messageOut = Outlet.create("WebSocketFrameCodec.messageOut");
  private final Inlet<ServerMessage> messageIn = Inlet.create("WebSocketFrameCodec.messageIn");
  private final Outlet<FrameEvent> frameOut = Outlet.create("WebSocketFrameCodec.frameOut");
  private final BidiShape<FrameEvent, ClientMessage, ServerMessage, FrameEvent> shape =
      BidiShape.of(frameIn, messageOut, messageIn, frameOut);
  private final WebSocketSettings settings;

  public WebSocketFrameCodec(WebSocketSettings settings) {
    this.settings = settings;
  }

  public static BidiFlow<FrameEvent, ClientMessage, ServerMessage, FrameEvent, NotUsed> bidiFlow(
      WebSocketSettings settings) {
    return BidiFlow.fromGraph(new WebSocketFrameCodec(settings));
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
    return new Logic();
  }

  private final class Logic extends TimerGraphStageLogic {
    // The frame being received: pekko-http delivers a FrameStart, then FrameData until lastPart.
    private Payload payload = Payload.DISCARD;
    private int maskKey;
    private int maskOffset;
    private int controlOpcode;
    private byte[] controlBytes;
    private int controlLength;

    // The message being reassembled; messageBytes is null between messages so idle connections hold no buffer.
    private int messageOpcode = NO_MESSAGE;
    private byte[] messageBytes;
    private int messageLength;
    private boolean messageFinalFrame;
    private ClientMessage undelivered;

    private final ArrayDeque<FrameStart> outbox = new ArrayDeque<>(OUTBOX_CAPACITY);
    private boolean closing;
    private boolean closeFrameSent;
    private boolean peerCloseReceived;
    /** API Gateway's idle timeout counts only what the client sends, pings included. */
    private long lastFrameNanos;

    Logic() {
      super(shape);
      setHandler(frameIn, new AbstractInHandler() {
        @Override
        public void onPush() {
          onFrameEvent(grab(frameIn));
        }

        @Override
        public void onUpstreamFinish() {
          onSocketInputEnded();
        }

        @Override
        public void onUpstreamFailure(Throwable cause) {
          LOG.debug("WebSocket input failed", cause);
          failConnection(CloseCodes.PROTOCOL_ERROR, "Protocol error");
          onSocketInputEnded();
        }
      });
      setHandler(messageOut, new AbstractOutHandler() {
        @Override
        public void onPull() {
          deliverUndelivered();
        }

        @Override
        public void onDownstreamFinish(Throwable cause) {
          // The app stopped reading but may still write: drop its messages, keep the connection (as pekko-http does).
          undelivered = null;
          pullFrameInIfReady();
          completeIfClosed();
        }
      });
      setHandler(messageIn, new AbstractInHandler() {
        @Override
        public void onPush() {
          onAppMessage(grab(messageIn));
        }

        @Override
        public void onUpstreamFinish() {
          startClosing(CloseCodes.NORMAL, "");
        }

        @Override
        public void onUpstreamFailure(Throwable cause) {
          LOG.error("WebSocket app flow failed", cause);
          startClosing(CloseCodes.INTERNAL_ERROR, INTERNAL_ERROR_REASON);
        }
      });
      setHandler(frameOut, new AbstractOutHandler() {
        @Override
        public void onPull() {
          flush();
        }
      });
    }

    @Override
    public void preStart() {
      lastFrameNanos = System.nanoTime();
      scheduleOnce(Timer.IDLE, settings.idleTimeout());
      scheduleOnce(Timer.MAX_DURATION, settings.maxConnectionDuration());
      pull(frameIn);
      pull(messageIn);
    }

    @Override
    public void onTimer(Object key) {
      switch ((Timer) key) {
        case IDLE -> {
          long idleNanos = System.nanoTime() - lastFrameNanos;
          long timeoutNanos = settings.idleTimeout().toNanos();
          if (idleNanos >= timeoutNanos) {
            startClosing(CloseCodes.GOING_AWAY, GOING_AWAY_REASON);
          } else {
            // Re-arming on each frame would cost a scheduler round-trip per frame; check the deadline lazily instead.
            scheduleOnce(Timer.IDLE, Duration.ofNanos(timeoutNanos - idleNanos));
          }
        }
        case MAX_DURATION -> startClosing(CloseCodes.GOING_AWAY, GOING_AWAY_REASON);
        case CLOSE -> completeStage();
      }
    }

    // ---- client -> app

    private void onFrameEvent(FrameEvent event) {
      lastFrameNanos = System.nanoTime();
      if (event instanceof FrameStart start) {
        onFrameStart(start.header());
      }
      readPayload(event.data());
      if (event.lastPart()) {
        onFrameEnd();
      }
      pullFrameInIfReady();
    }

    private void onFrameStart(FrameHeader header) {
      int opcode = header.opcode().code();
      payload = Payload.DISCARD;
      maskOffset = 0;
      if (closing) {
        // §5.5.1: after our close frame only the peer's close matters; everything else is dropped.
        if (opcode == OP_CLOSE) {
          payload = Payload.PEER_CLOSE;
        }
        return;
      }
      String violation = violation(header, opcode);
      if (violation != null) {
        failConnection(CloseCodes.PROTOCOL_ERROR, violation);
        return;
      }
      maskKey = (Integer) header.mask().get();
      if (isControl(opcode)) {
        payload = Payload.CONTROL;
        controlOpcode = opcode;
        controlBytes = new byte[(int) header.length()];
        controlLength = 0;
      } else if (messageLength + header.length() > settings.maxMessageBytes()) {
        // Refused on the declared length, before any of the payload is buffered (API Gateway: 1009).
        failConnection(CloseCodes.MESSAGE_TOO_BIG, TOO_BIG_REASON);
      } else {
        if (opcode != OP_CONTINUATION) {
          messageOpcode = opcode;
        }
        ensureMessageCapacity(messageLength + (int) header.length());
        messageFinalFrame = header.fin();
        payload = Payload.MESSAGE;
      }
    }

    /** The rule of RFC 6455 that {@code header} breaks, or null. */
    private String violation(FrameHeader header, int opcode) {
      if (header.mask().isEmpty()) {
        return "Client frame not masked"; // §5.1: a server MUST close on an unmasked client frame
      }
      if (header.rsv1() || header.rsv2() || header.rsv3()) {
        return "Reserved bit set"; // §5.2: no extension was negotiated
      }
      if (isControl(opcode)) {
        if (opcode != OP_CLOSE && opcode != OP_PING && opcode != OP_PONG) {
          return "Reserved opcode"; // §5.2
        }
        if (header.length() > MAX_CONTROL_PAYLOAD || !header.fin()) {
          return "Control frame too long or fragmented"; // §5.5
        }
        return null;
      }
      if (opcode == OP_CONTINUATION) {
        return messageOpcode == NO_MESSAGE ? "Continuation frame without a message" : null; // §5.4
      }
      if (opcode != OP_TEXT && opcode != OP_BINARY) {
        return "Reserved opcode"; // §5.2
      }
      return messageOpcode == NO_MESSAGE ? null : "New message inside a fragmented message"; // §5.4
    }

    private void readPayload(ByteString data) {
      switch (payload) {
        case MESSAGE -> messageLength += unmaskInto(data, messageBytes, messageLength);
        case CONTROL -> controlLength += unmaskInto(data, controlBytes, controlLength);
        case PEER_CLOSE, DISCARD -> { }
      }
    }

    /** §5.3: payload byte i of a frame is XORed with byte (i mod 4) of the frame's big-endian masking key. */
    private int unmaskInto(ByteString data, byte[] target, int offset) {
      int length = data.copyToBuffer(ByteBuffer.wrap(target, offset, data.size()));
      // FrameData continues the frame, so start from the key byte where the previous part stopped.
      int key = Integer.rotateLeft(maskKey, Byte.SIZE * maskOffset);
      for (int i = offset, end = offset + length; i < end; i++) {
        key = Integer.rotateLeft(key, Byte.SIZE); // brings the next key byte to the low end
        target[i] ^= (byte) key;
      }
      maskOffset = (maskOffset + length) % MASK_KEY_BYTES;
      return length;
    }

    private void onFrameEnd() {
      switch (payload) {
        case CONTROL -> {
          byte[] body = controlBytes;
          controlBytes = null;
          onControlFrame(controlOpcode, body);
        }
        case MESSAGE -> {
          if (messageFinalFrame) {
            onMessageEnd();
          }
        }
        case PEER_CLOSE -> {
          // Completing only now means the whole frame was read: unread input would make the close a TCP reset.
          peerCloseReceived = true;
          completeIfClosed();
        }
        case DISCARD -> { }
      }
      payload = Payload.DISCARD;
    }

    private void onControlFrame(int opcode, byte[] body) {
      switch (opcode) {
        // §5.5.2: a Pong carries the Ping's payload; §5.4 lets control frames arrive between fragments.
        case OP_PING -> {
          if (!closing) {
            send(FrameEvent.fullFrame(PONG, Option.empty(), ByteString.fromArrayUnsafe(body), true, false, false,
                false));
          }
        }
        case OP_CLOSE -> {
          peerCloseReceived = true;
          if (closing) {
            completeIfClosed();
          } else {
            startClosing(echoCloseCode(body), "");
          }
        }
        default -> { } // §5.5.3: an unsolicited Pong is not answered
      }
    }

    /** §5.5.1, §7.4: echo the peer's status code, 1000 if it gave none, 1002 or 1007 if its close frame is bad. */
    private int echoCloseCode(byte[] body) {
      if (body.length == 0) {
        return CloseCodes.NORMAL;
      }
      if (body.length < CLOSE_CODE_BYTES) {
        return CloseCodes.PROTOCOL_ERROR;
      }
      int code = Short.toUnsignedInt(ByteBuffer.wrap(body).getShort());
      if (!CloseCodes.isSendable(code)) {
        return CloseCodes.PROTOCOL_ERROR;
      }
      try {
        decodeUtf8(body, CLOSE_CODE_BYTES, body.length - CLOSE_CODE_BYTES);
        return code;
      } catch (CharacterCodingException e) {
        return CloseCodes.INVALID_PAYLOAD;
      }
    }

    private void onMessageEnd() {
      ClientMessage message;
      if (messageOpcode == OP_TEXT) {
        try {
          message = new ClientMessage.Text(decodeUtf8(messageBytes, 0, messageLength));
        } catch (CharacterCodingException e) {
          failConnection(CloseCodes.INVALID_PAYLOAD, "Invalid UTF-8 in text message"); // §8.1
          return;
        }
      } else {
        message = new ClientMessage.Binary(ByteString.fromArrayUnsafe(messageBytes, 0, messageLength));
      }
      dropMessage();
      if (isClosed(messageOut)) {
        return;
      }
      if (isAvailable(messageOut)) {
        push(messageOut, message);
      } else {
        undelivered = message;
      }
    }

    private void ensureMessageCapacity(int required) {
      if (messageBytes == null) {
        messageBytes = new byte[required];
      } else if (messageBytes.length < required) {
        int doubled = Math.min(settings.maxMessageBytes(), messageBytes.length * 2);
        messageBytes = Arrays.copyOf(messageBytes, Math.max(required, doubled));
      }
    }

    private void dropMessage() {
      messageOpcode = NO_MESSAGE;
      messageBytes = null;
      messageLength = 0;
    }

    private void deliverUndelivered() {
      if (undelivered == null) {
        return;
      }
      push(messageOut, undelivered);
      undelivered = null;
      if (isClosed(frameIn)) {
        complete(messageOut);
      }
      pullFrameInIfReady();
      completeIfClosed();
    }

    /** Reads on while the app has taken every complete message and the outbox has room. */
    private void pullFrameInIfReady() {
      if (isClosed(frameIn) || hasBeenPulled(frameIn)) {
        return;
      }
      if (closing || (undelivered == null && outbox.size() < OUTBOX_CAPACITY)) {
        pull(frameIn);
      }
    }

    private void onSocketInputEnded() {
      dropMessage();
      payload = Payload.DISCARD;
      if (undelivered == null && !isClosed(messageOut)) {
        complete(messageOut);
      }
      completeIfClosed();
    }

    // ---- app -> client

    private void onAppMessage(ServerMessage message) {
      if (closing) {
        return; // §5.5.1: no data frames after a close frame
      }
      if (message instanceof ServerMessage.Text text) {
        send(FrameEvent.fullFrame(TEXT, Option.empty(), ByteString.fromString(text.text()), true, false, false,
            false));
      } else if (message instanceof ServerMessage.Close close) {
        if (CloseCodes.isSendable(close.code())) {
          startClosing(close.code(), close.reason() == null ? "" : close.reason());
        } else {
          LOG.error("App asked to close with unsendable status code {}", close.code());
          startClosing(CloseCodes.INTERNAL_ERROR, INTERNAL_ERROR_REASON);
        }
      }
    }

    private void send(FrameStart frame) {
      outbox.add(frame);
      flush();
    }

    private void flush() {
      if (isAvailable(frameOut) && !outbox.isEmpty()) {
        FrameStart frame = outbox.poll();
        push(frameOut, frame);
        if (frame.header().opcode().code() == OP_CLOSE) {
          closeFrameSent = true;
          completeIfClosed();
        }
      }
      if (!closing && outbox.isEmpty() && !isClosed(messageIn) && !hasBeenPulled(messageIn)) {
        pull(messageIn);
      }
      pullFrameInIfReady();
    }

    // ---- closing

    private void failConnection(int code, String reason) {
      LOG.debug("Closing WebSocket with {}: {}", code, reason);
      payload = Payload.DISCARD;
      startClosing(code, reason);
    }

    /** §7.1.2: queue our close frame (after what the socket already holds), then wait for the peer's. */
    private void startClosing(int code, String reason) {
      if (closing) {
        return;
      }
      closing = true;
      dropMessage();
      if (payload == Payload.MESSAGE) {
        payload = Payload.DISCARD; // a control frame being read is finished, in case it is the peer's close
      }
      cancelTimer(Timer.IDLE);
      cancelTimer(Timer.MAX_DURATION);
      scheduleOnce(Timer.CLOSE, settings.closeTimeout());
      send(FrameEvent.fullFrame(CLOSE, Option.empty(), closeBody(code, reason), true, false, false, false));
    }

    /**
     * §7.1.1: the server closes the TCP connection once both close frames are exchanged (or the peer's input ended)
     * and the app has taken the messages that arrived before the close.
     */
    private void completeIfClosed() {
      if (closeFrameSent && (peerCloseReceived || isClosed(frameIn))
          && (undelivered == null || isClosed(messageOut))) {
        completeStage();
      }
    }
  }

  private static boolean isControl(int opcode) {
    return opcode >= OP_CLOSE;
  }

  private static String decodeUtf8(byte[] bytes, int offset, int length) throws CharacterCodingException {
    // A fresh decoder reports malformed input instead of replacing it.
    return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, offset, length)).toString();
  }

  /** §5.5.1: a two-byte big-endian status code, then a UTF-8 reason cut to fit a control frame. */
  private static ByteString closeBody(int code, String reason) {
    CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
    ByteBuffer body = ByteBuffer.allocate(MAX_CONTROL_PAYLOAD);
    body.putShort((short) code);
    encoder.encode(CharBuffer.wrap(reason), body, true); // stops on a character boundary when the frame is full
    body.flip();
    return ByteString.fromByteBuffer(body);
  }
}
