package router.node.ws;

import java.nio.charset.CharacterCodingException;
import java.time.Duration;
import java.util.ArrayDeque;
import org.apache.pekko.http.impl.engine.ws.FrameEvent;
import org.apache.pekko.http.impl.engine.ws.FrameHeader;
import org.apache.pekko.http.impl.engine.ws.FrameStart;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.TimerGraphStageLogic;
import org.apache.pekko.util.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import router.protocol.CloseCodes;
import router.protocol.GatewayMessages;
import router.runtime.ClientMessage;
import router.runtime.CloseStatus;
import router.runtime.RateLimitedLog;
import router.runtime.ServerMessage;

/**
 * The state machine of one connection's {@link WebSocketFrameCodec}: reassembles client frames into messages (RFC
 * 6455 §5.4), answers pings and pings the client, enforces the frame and message sizes, the message deadline and
 * the idle and maximum connection time, writes app messages as frames, runs the closing handshake (§7) and reports
 * how the connection closed.
 */
final class FrameCodecLogic extends TimerGraphStageLogic {
  private static final Logger LOG = LoggerFactory.getLogger(WebSocketFrameCodec.class);
  // What a client does wrong is its doing, as often as it likes: one line per kind per interval (the close codes are
  // counted in router_connections_closed_total).
  private static final RateLimitedLog CLIENT_LOG = new RateLimitedLog(LOG, Duration.ofSeconds(10));

  /** Outbound frames held while the socket is busy: one app message's frames or a few pongs, then we stop reading. */
  private static final int OUTBOX_CAPACITY = 4;

  private static final String GOING_AWAY_REASON = "Going away";
  private static final String TOO_BIG_REASON = "Message too big";
  private static final String INTERNAL_ERROR_REASON = GatewayMessages.INTERNAL_SERVER_ERROR;

  private enum Timer { IDLE, MAX_DURATION, CLOSE, MESSAGE, PING }

  /** Where the payload of the frame being received goes; PEER_CLOSE is a close frame read while closing. */
  private enum Payload { MESSAGE, CONTROL, PEER_CLOSE, DISCARD }

  private final Inlet<FrameEvent> frameIn;
  private final Outlet<ClientMessage> messageOut;
  private final Inlet<ServerMessage> messageIn;
  private final Outlet<FrameEvent> frameOut;
  private final WebSocketSettings settings;
  private final String label;
  private final CloseReport closed;

  // The frame being received: pekko-http delivers a FrameStart, then FrameData until lastPart.
  private Payload payload = Payload.DISCARD;
  private int maskKey;
  private int maskOffset;
  private int controlOpcode;
  private byte[] controlBytes;
  private int controlLength;

  private final MessageAssembly message;
  private ClientMessage undelivered;

  private final ArrayDeque<FrameStart> outbox = new ArrayDeque<>(OUTBOX_CAPACITY);
  private boolean closing;
  private boolean closeFrameSent;
  private boolean peerCloseReceived;
  /** The idle timeout counts the client's data frames only: pings and pongs do not keep a connection open. */
  private long lastFrameNanos;
  /** Whether any frame arrived since our last ping (the peer is alive). */
  private boolean heardSincePing = true;

  FrameCodecLogic(WebSocketFrameCodec stage) {
    super(stage.shape());
    this.frameIn = stage.frameIn;
    this.messageOut = stage.messageOut;
    this.messageIn = stage.messageIn;
    this.frameOut = stage.frameOut;
    this.settings = stage.settings;
    this.label = stage.label;
    this.closed = new CloseReport(stage.onClosed);
    this.message = new MessageAssembly(settings.maxMessageBytes());
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
        // The app's side may have recorded why it ends (DELETE, shutdown, stage deleted): the first status stands.
        CloseStatus status = closed.report(new CloseStatus(CloseCodes.NORMAL, ""));
        if (CloseCodes.isSendable(status.code())) startClosing(status.code(), status.reason());
        else startClosing(CloseCodes.NORMAL, "");
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
    Duration ping = settings.pingInterval();
    if (!ping.isZero()) scheduleWithFixedDelay(Timer.PING, ping, ping);
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
      // A fragmented message that never ends would hold its buffer (and the connection) forever (API Gateway: 1009).
      case MESSAGE -> failConnection(CloseCodes.MESSAGE_TOO_BIG, TOO_BIG_REASON);
      case PING -> onPingTimer();
    }
  }

  private void onPingTimer() {
    if (!heardSincePing) {
      // Not even a pong for a whole interval: the peer is gone without a close (its TCP may never say so).
      CLIENT_LOG.info("ping", "Dropping connection {}: no answer to a ping within {}", label, settings.pingInterval());
      closed.report(CloseStatus.LOST);
      completeStage();
    } else if (!closing) {
      heardSincePing = false;
      send(Rfc6455.pingFrame());
    }
  }

  @Override
  public void postStop() {
    closed.report(CloseStatus.LOST); // a no-op unless the socket went away before any close was known
  }

  // ---- client -> app

  private void onFrameEvent(FrameEvent event) {
    heardSincePing = true;
    if (event instanceof FrameStart start) onFrameStart(start.header());
    readPayload(event.data());
    if (event.lastPart()) onFrameEnd();
    pullFrameInIfReady();
  }

  private void onFrameStart(FrameHeader header) {
    int opcode = header.opcode().code();
    payload = Payload.DISCARD;
    maskOffset = 0;
    if (closing) {
      // §5.5.1: after our close frame only the peer's close matters; everything else is dropped.
      if (opcode == Rfc6455.OP_CLOSE) payload = Payload.PEER_CLOSE;
      return;
    }
    String violation = Rfc6455.violation(header, opcode, message.inMessage());
    if (violation != null) {
      failConnection(CloseCodes.PROTOCOL_ERROR, violation);
      return;
    }
    maskKey = (Integer) header.mask().get();
    if (Rfc6455.isControl(opcode)) {
      payload = Payload.CONTROL;
      controlOpcode = opcode;
      controlBytes = new byte[(int) header.length()];
      controlLength = 0;
    } else if (header.length() > settings.maxFrameBytes() || message.wouldExceed(header.length())) {
      // Refused on the declared length, before any of the payload is buffered (API Gateway: 1009 for a frame over
      // 32 KB or a message over 128 KB).
      failConnection(CloseCodes.MESSAGE_TOO_BIG, TOO_BIG_REASON);
    } else {
      lastFrameNanos = System.nanoTime();
      if (!message.inMessage() && !header.fin()) scheduleOnce(Timer.MESSAGE, settings.messageTimeout());
      message.startFrame(opcode, (int) header.length(), header.fin());
      payload = Payload.MESSAGE;
    }
  }

  private void readPayload(ByteString data) {
    switch (payload) {
      case MESSAGE -> maskOffset = (maskOffset + message.append(data, maskKey, maskOffset)) % Rfc6455.MASK_KEY_BYTES;
      case CONTROL -> {
        int read = Rfc6455.unmask(data, controlBytes, controlLength, maskKey, maskOffset);
        controlLength += read;
        maskOffset = (maskOffset + read) % Rfc6455.MASK_KEY_BYTES;
      }
      case PEER_CLOSE, DISCARD -> { }
    }
  }

  private void onFrameEnd() {
    switch (payload) {
      case CONTROL -> {
        byte[] body = controlBytes;
        controlBytes = null;
        onControlFrame(controlOpcode, body);
      }
      case MESSAGE -> {
        if (message.endsWithThisFrame()) onMessageEnd();
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
      case Rfc6455.OP_PING -> {
        if (!closing) send(Rfc6455.pongFrame(body));
      }
      case Rfc6455.OP_CLOSE -> {
        peerCloseReceived = true;
        closed.report(Rfc6455.peerCloseStatus(body));
        if (closing) {
          completeIfClosed();
        } else {
          startClosing(Rfc6455.echoCloseCode(body), "");
        }
      }
      default -> { } // §5.5.3: an unsolicited Pong is not answered
    }
  }

  private void onMessageEnd() {
    cancelTimer(Timer.MESSAGE);
    ClientMessage complete;
    try {
      complete = message.take();
    } catch (CharacterCodingException e) {
      failConnection(CloseCodes.INVALID_PAYLOAD, "Invalid UTF-8 in text message"); // §8.1
      return;
    }
    if (isClosed(messageOut)) return;
    if (isAvailable(messageOut)) {
      push(messageOut, complete);
    } else {
      undelivered = complete;
    }
  }

  private void deliverUndelivered() {
    if (undelivered == null) return;
    push(messageOut, undelivered);
    undelivered = null;
    if (isClosed(frameIn)) complete(messageOut);
    pullFrameInIfReady();
    completeIfClosed();
  }

  /** Reads on while the app has taken every complete message and the outbox has room. */
  private void pullFrameInIfReady() {
    if (isClosed(frameIn) || hasBeenPulled(frameIn)) return;
    if (closing || (undelivered == null && outbox.size() < OUTBOX_CAPACITY)) pull(frameIn);
  }

  private void onSocketInputEnded() {
    closed.report(CloseStatus.LOST); // a no-op after a close frame
    message.drop();
    payload = Payload.DISCARD;
    if (undelivered == null && !isClosed(messageOut)) complete(messageOut);
    completeIfClosed();
  }

  // ---- app -> client

  private void onAppMessage(ServerMessage message) {
    if (closing) return; // §5.5.1: no data frames after a close frame
    if (message instanceof ServerMessage.Text text) {
      send(Rfc6455.dataFrames(Rfc6455.OP_TEXT, ByteString.fromString(text.text()), settings.maxFrameBytes()));
    } else if (message instanceof ServerMessage.Binary binary) {
      send(Rfc6455.dataFrames(Rfc6455.OP_BINARY, binary.bytes(), settings.maxFrameBytes()));
    } else if (message instanceof ServerMessage.Close close) {
      if (CloseCodes.isSendable(close.code())) {
        startClosing(close.code(), close.reason() == null ? "" : close.reason());
      } else {
        LOG.error("App asked to close with unsendable status code {}", close.code());
        startClosing(CloseCodes.INTERNAL_ERROR, INTERNAL_ERROR_REASON);
      }
    }
  }

  private void send(FrameStart... frames) {
    java.util.Collections.addAll(outbox, frames);
    flush();
  }

  private void flush() {
    if (isAvailable(frameOut) && !outbox.isEmpty()) {
      FrameStart frame = outbox.poll();
      push(frameOut, frame);
      if (frame.header().opcode().code() == Rfc6455.OP_CLOSE) {
        closeFrameSent = true;
        completeIfClosed();
      }
    }
    if (!closing && outbox.isEmpty() && !isClosed(messageIn) && !hasBeenPulled(messageIn)) pull(messageIn);
    pullFrameInIfReady();
  }

  // ---- closing

  private void failConnection(int code, String reason) {
    // What the client did wrong, at INFO (it is the client's error, not ours), at most once per reason per interval.
    CLIENT_LOG.info(reason, "Closing connection {} with {}: {}", label, code, reason);
    payload = Payload.DISCARD;
    startClosing(code, reason);
  }

  /** §7.1.2: queue our close frame (after what the socket already holds), then wait for the peer's. */
  private void startClosing(int code, String reason) {
    if (closing) return;
    closing = true;
    message.drop();
    if (payload == Payload.MESSAGE) {
      payload = Payload.DISCARD; // a control frame being read is finished, in case it is the peer's close
    }
    cancelTimer(Timer.IDLE);
    cancelTimer(Timer.MAX_DURATION);
    cancelTimer(Timer.MESSAGE);
    cancelTimer(Timer.PING);
    closed.report(new CloseStatus(code, reason));
    scheduleOnce(Timer.CLOSE, settings.closeTimeout());
    send(Rfc6455.closeFrame(code, reason));
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
