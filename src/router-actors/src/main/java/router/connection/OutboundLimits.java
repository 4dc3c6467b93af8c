package router.connection;

import com.typesafe.config.Config;

/**
 * How much one connection's outbound queue (messages pushed through {@code @connections}, waiting for the socket)
 * may hold; a push past either bound is refused with 429 {@code LimitExceededException}.
 *
 * @param maxMessages messages the queue may hold
 * @param maxBytes bytes of payload (UTF-8 for text) the queue may hold; one message larger than this is still
 *     accepted when the queue is empty, so a small setting cannot make a connection unreachable
 */
public record OutboundLimits(int maxMessages, long maxBytes) {

  public OutboundLimits {
    if (maxMessages < 1) throw new IllegalArgumentException("outbound-buffer must be at least 1: " + maxMessages);
    if (maxBytes < 1) throw new IllegalArgumentException("outbound-buffer-bytes must be at least 1: " + maxBytes);
  }

  /** Reads {@code router.connection.outbound-buffer} and {@code router.connection.outbound-buffer-bytes}. */
  public static OutboundLimits from(Config config) {
    Config connection = config.getConfig("router.connection");
    return new OutboundLimits(connection.getInt("outbound-buffer"),
        connection.getBytes("outbound-buffer-bytes"));
  }

  /** Bounded in messages only. */
  public static OutboundLimits messages(int maxMessages) {
    return new OutboundLimits(maxMessages, Long.MAX_VALUE);
  }
}
