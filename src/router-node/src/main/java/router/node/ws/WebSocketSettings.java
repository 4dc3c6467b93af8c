package router.node.ws;

import java.time.Duration;
import java.util.Objects;

/**
 * Per-connection limits of {@link WebSocketFrameCodec}; the defaults are API Gateway's WebSocket quotas.
 *
 * @param maxMessageBytes largest reassembled message accepted, in bytes; a larger one closes the connection with 1009
 * @param idleTimeout how long a connection may go without receiving a frame before it is closed with 1001
 * @param maxConnectionDuration how long a connection may stay open before it is closed with 1001
 * @param closeTimeout how long to wait for the client's close frame after sending ours
 */
public record WebSocketSettings(
    int maxMessageBytes, Duration idleTimeout, Duration maxConnectionDuration, Duration closeTimeout) {

  /** API Gateway quota "WebSocket message payload size": 128 KB. */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 128 * 1024;

  /** API Gateway quota "Idle connection timeout": 10 minutes. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);

  /** API Gateway quota "Connection duration for WebSocket API": 2 hours. */
  public static final Duration DEFAULT_MAX_CONNECTION_DURATION = Duration.ofHours(2);

  /** pekko-http's own close timeout for its WebSocket stack. */
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(3);

  public WebSocketSettings {
    if (maxMessageBytes <= 0) {
      throw new IllegalArgumentException("maxMessageBytes must be positive: " + maxMessageBytes);
    }
    requirePositive("idleTimeout", idleTimeout);
    requirePositive("maxConnectionDuration", maxConnectionDuration);
    requirePositive("closeTimeout", closeTimeout);
  }

  public static WebSocketSettings defaults() {
    return new WebSocketSettings(
        DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_CONNECTION_DURATION, DEFAULT_CLOSE_TIMEOUT);
  }

  public WebSocketSettings withMaxMessageBytes(int value) {
    return new WebSocketSettings(value, idleTimeout, maxConnectionDuration, closeTimeout);
  }

  public WebSocketSettings withIdleTimeout(Duration value) {
    return new WebSocketSettings(maxMessageBytes, value, maxConnectionDuration, closeTimeout);
  }

  public WebSocketSettings withMaxConnectionDuration(Duration value) {
    return new WebSocketSettings(maxMessageBytes, idleTimeout, value, closeTimeout);
  }

  public WebSocketSettings withCloseTimeout(Duration value) {
    return new WebSocketSettings(maxMessageBytes, idleTimeout, maxConnectionDuration, value);
  }

  private static void requirePositive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }
}
