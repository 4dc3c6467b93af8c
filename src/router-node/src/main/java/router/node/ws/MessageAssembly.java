package router.node.ws;

import java.nio.charset.CharacterCodingException;
import java.util.Arrays;
import org.apache.pekko.util.ByteString;
import router.runtime.ClientMessage;

/**
 * The message a connection is reassembling from its frames (RFC 6455 §5.4). Its buffer grows to the declared
 * frame lengths, capped at the message size limit, and is released between messages so an idle connection holds
 * none.
 */
final class MessageAssembly {
  private static final int NONE = -1;

  private final int maxBytes;
  private int opcode = NONE;
  private byte[] bytes;
  private int length;
  private boolean finalFrame;

  MessageAssembly(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** Whether a fragmented message has begun and not ended. */
  boolean inMessage() {
    return opcode != NONE;
  }

  /** Whether a frame of {@code frameLength} more bytes would make the message larger than the limit. */
  boolean wouldExceed(long frameLength) {
    return length + frameLength > maxBytes;
  }

  /** A data frame of this message starts: a text or binary opcode begins it, a continuation extends it. */
  void startFrame(int frameOpcode, int frameLength, boolean fin) {
    if (frameOpcode != Rfc6455.OP_CONTINUATION) opcode = frameOpcode;
    int required = length + frameLength;
    if (bytes == null) {
      bytes = new byte[required];
    } else if (bytes.length < required) {
      int doubled = Math.min(maxBytes, bytes.length * 2);
      bytes = Arrays.copyOf(bytes, Math.max(required, doubled));
    }
    finalFrame = fin;
  }

  /** Appends payload unmasked from key byte {@code maskOffset} on; returns the number of bytes appended. */
  int append(ByteString data, int maskKey, int maskOffset) {
    int appended = Rfc6455.unmask(data, bytes, length, maskKey, maskOffset);
    length += appended;
    return appended;
  }

  /** Whether the frame being read is the message's last. */
  boolean endsWithThisFrame() {
    return finalFrame;
  }

  /** The complete message, releasing the buffer; a text message must be valid UTF-8 (§8.1). */
  ClientMessage take() throws CharacterCodingException {
    try {
      return opcode == Rfc6455.OP_TEXT
          ? new ClientMessage.Text(Rfc6455.decodeUtf8(bytes, 0, length))
          : new ClientMessage.Binary(ByteString.fromArrayUnsafe(bytes, 0, length));
    } finally {
      drop();
    }
  }

  /** Forgets the message being reassembled. */
  void drop() {
    opcode = NONE;
    bytes = null;
    length = 0;
  }
}
