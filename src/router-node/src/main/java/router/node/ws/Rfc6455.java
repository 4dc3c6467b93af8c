package router.node.ws;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.http.impl.engine.ws.FrameEvent;
import org.apache.pekko.http.impl.engine.ws.FrameHeader;
import org.apache.pekko.http.impl.engine.ws.FrameStart;
import org.apache.pekko.http.impl.engine.ws.Protocol;
import org.apache.pekko.util.ByteString;
import router.protocol.CloseCodes;
import router.runtime.CloseStatus;
import scala.Option;

/** The rules of RFC 6455 the frame codec applies, as pure functions: opcodes, frame checks, masking, close bodies. */
final class Rfc6455 {
  // §5.2 opcodes; any other value is reserved.
  static final int OP_CONTINUATION = 0x0;
  static final int OP_TEXT = 0x1;
  static final int OP_BINARY = 0x2;
  static final int OP_CLOSE = 0x8;
  static final int OP_PING = 0x9;
  static final int OP_PONG = 0xA;

  /** §5.5: all control frames have a payload of at most 125 bytes. */
  static final int MAX_CONTROL_PAYLOAD = 125;
  static final int CLOSE_CODE_BYTES = 2;
  static final int MASK_KEY_BYTES = 4;

  private static final Protocol.Opcode CONTINUATION = Protocol.Opcode$.MODULE$.forCode((byte) OP_CONTINUATION);
  private static final Protocol.Opcode TEXT = Protocol.Opcode$.MODULE$.forCode((byte) OP_TEXT);
  private static final Protocol.Opcode BINARY = Protocol.Opcode$.MODULE$.forCode((byte) OP_BINARY);
  private static final Protocol.Opcode CLOSE = Protocol.Opcode$.MODULE$.forCode((byte) OP_CLOSE);
  private static final Protocol.Opcode PING = Protocol.Opcode$.MODULE$.forCode((byte) OP_PING);
  private static final Protocol.Opcode PONG = Protocol.Opcode$.MODULE$.forCode((byte) OP_PONG);

  private Rfc6455() {}

  /**
   * A text or binary message as unmasked frames of at most {@code maxFrameBytes} each (API Gateway's 32 KB frame
   * quota applies to what it sends as well); a text message may be cut inside a character (§5.6: only the whole
   * message must be valid UTF-8).
   */
  static FrameStart[] dataFrames(int opcode, ByteString payload, int maxFrameBytes) {
    if (payload.size() <= maxFrameBytes) {
      return new FrameStart[] {FrameEvent.fullFrame(opcode == OP_TEXT ? TEXT : BINARY, Option.empty(), payload, true,
          false, false, false)};
    }
    List<FrameStart> frames = new ArrayList<>();
    for (int from = 0; from < payload.size(); from += maxFrameBytes) {
      int to = Math.min(payload.size(), from + maxFrameBytes);
      Protocol.Opcode frameOpcode = from == 0 ? (opcode == OP_TEXT ? TEXT : BINARY) : CONTINUATION;
      frames.add(FrameEvent.fullFrame(frameOpcode, Option.empty(), payload.slice(from, to), to == payload.size(),
          false, false, false));
    }
    return frames.toArray(FrameStart[]::new);
  }

  /** §5.5.3: the Pong answering a Ping carries the Ping's payload. */
  static FrameStart pongFrame(byte[] pingPayload) {
    return FrameEvent.fullFrame(PONG, Option.empty(), ByteString.fromArrayUnsafe(pingPayload), true, false, false,
        false);
  }

  /** §5.5.2: a ping with no payload (the client's pong proves it is alive). */
  static FrameStart pingFrame() {
    return FrameEvent.fullFrame(PING, Option.empty(), ByteString.emptyByteString(), true, false, false, false);
  }

  /**
   * How the peer closed, from its close frame's body: its code and reason, 1005 with no code (§7.1.5), or the code
   * we answer a malformed body with (1002, 1007) and no reason.
   */
  static CloseStatus peerCloseStatus(byte[] body) {
    if (body.length == 0) return new CloseStatus(CloseStatus.NO_STATUS, "");
    int echoed = echoCloseCode(body);
    int code = body.length < CLOSE_CODE_BYTES ? -1 : Short.toUnsignedInt(ByteBuffer.wrap(body).getShort());
    if (echoed != code) return new CloseStatus(echoed, "");
    return new CloseStatus(code,
        new String(body, CLOSE_CODE_BYTES, body.length - CLOSE_CODE_BYTES, StandardCharsets.UTF_8));
  }

  static FrameStart closeFrame(int code, String reason) {
    return FrameEvent.fullFrame(CLOSE, Option.empty(), closeBody(code, reason), true, false, false, false);
  }

  /** The rule of RFC 6455 that {@code header} breaks, or null. */
  static String violation(FrameHeader header, int opcode, boolean inMessage) {
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
      return inMessage ? null : "Continuation frame without a message"; // §5.4
    }
    if (opcode != OP_TEXT && opcode != OP_BINARY) {
      return "Reserved opcode"; // §5.2
    }
    return inMessage ? "New message inside a fragmented message" : null; // §5.4
  }

  /** §5.5.1, §7.4: echo the peer's status code, 1000 if it gave none, 1002 or 1007 if its close frame is bad. */
  static int echoCloseCode(byte[] body) {
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

  /**
   * §5.3: payload byte i of a frame is XORed with byte (i mod 4) of the frame's big-endian masking key. Copies
   * {@code data} into {@code target} at {@code offset}, unmasked from key byte {@code maskOffset} on (a FrameData
   * continues the frame where the previous part stopped); returns the number of bytes copied.
   */
  static int unmask(ByteString data, byte[] target, int offset, int maskKey, int maskOffset) {
    int length = data.copyToBuffer(ByteBuffer.wrap(target, offset, data.size()));
    int key = Integer.rotateLeft(maskKey, Byte.SIZE * maskOffset);
    for (int i = offset, end = offset + length; i < end; i++) {
      key = Integer.rotateLeft(key, Byte.SIZE); // brings the next key byte to the low end
      target[i] ^= (byte) key;
    }
    return length;
  }

  static boolean isControl(int opcode) {
    return opcode >= OP_CLOSE;
  }

  static String decodeUtf8(byte[] bytes, int offset, int length) throws CharacterCodingException {
    // A fresh decoder reports malformed input instead of replacing it.
    return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, offset, length)).toString();
  }

  /** §5.5.1: a two-byte big-endian status code, then a UTF-8 reason cut to fit a control frame. */
  static ByteString closeBody(int code, String reason) {
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
