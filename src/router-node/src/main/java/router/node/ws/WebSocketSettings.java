package router.node.ws;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Objects;

/**
 * Per-connection limits of {@link WebSocketFrameCodec}; the defaults are API Gateway's WebSocket quotas.
 *
 * @param maxMessageBytes largest reassembled message accepted, in bytes; a larger one closes the connection with 1009
 * @param idleTimeout how long a connection may go without receiving a data frame before it is closed with 1001
 * @param maxConnectionDuration how long a connection may stay open before it is closed with 1001
 * @param closeTimeout how long to wait for the client's close frame after sending ours
 * @param maxFrameBytes largest data frame accepted, in bytes; a larger one closes the connection with 1009
 * @param messageTimeout how long a fragmented message may take to arrive; past it the connection closes with 1009
 * @param pingInterval how often the server pings the client; a client that sent nothing since the previous ping is
 *     taken for dead and dropped; zero turns pings off
 */
public record WebSocketSettings(
    int maxMessageBytes, Duration idleTimeout, Duration maxConnectionDuration, Duration closeTimeout,
    int maxFrameBytes, Duration messageTimeout, Duration pingInterval) {

  /** API Gateway quota "WebSocket message payload size": 128 KB. */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 128 * 1024;

  /** API Gateway quota "WebSocket frame size": 32 KB (a larger frame closes the connection with 1009). */
  public static final int DEFAULT_MAX_FRAME_BYTES = 32 * 1024;

  /** API Gateway quota "Idle connection timeout": 10 minutes. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);

  /** API Gateway quota "Connection duration for WebSocket API": 2 hours. */
  public static final Duration DEFAULT_MAX_CONNECTION_DURATION = Duration.ofHours(2);

  /** pekko-http's own close timeout for its WebSocket stack. */
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(3);

  /** Our own bound (API Gateway documents none) on the time between a message's first and last fragment. */
  public static final Duration DEFAULT_MESSAGE_TIMEOUT = Duration.ofSeconds(30);

  /** Our own choice: a dead peer is found within two intervals, well inside the idle timeout. */
  public static final Duration DEFAULT_PING_INTERVAL = Duration.ofMinutes(1);

  public WebSocketSettings {
    requirePositive("maxMessageBytes", maxMessageBytes);
    requirePositive("maxFrameBytes", maxFrameBytes);
    requirePositive("idleTimeout", idleTimeout);
    requirePositive("maxConnectionDuration", maxConnectionDuration);
    requirePositive("closeTimeout", closeTimeout);
    requirePositive("messageTimeout", messageTimeout);
    Objects.requireNonNull(pingInterval, "pingInterval");
    if (pingInterval.isNegative()) throw new IllegalArgumentException("pingInterval is negative: " + pingInterval);
  }

  /** The four classic limits, with API Gateway's frame size and our message timeout and ping interval. */
  public WebSocketSettings(
      int maxMessageBytes, Duration idleTimeout, Duration maxConnectionDuration, Duration closeTimeout) {
    this(maxMessageBytes, idleTimeout, maxConnectionDuration, closeTimeout, Math.min(maxMessageBytes,
        DEFAULT_MAX_FRAME_BYTES), DEFAULT_MESSAGE_TIMEOUT, DEFAULT_PING_INTERVAL);
  }

  public static WebSocketSettings defaults() {
    return new WebSocketSettings(DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_CONNECTION_DURATION,
        DEFAULT_CLOSE_TIMEOUT, DEFAULT_MAX_FRAME_BYTES, DEFAULT_MESSAGE_TIMEOUT, DEFAULT_PING_INTERVAL);
  }

  /** The limits in {@code router.connection} (see router-actors' reference.conf). */
  public static WebSocketSettings from(Config config) {
    Config c = config.getConfig("router.connection");
    return new WebSocketSettings((int) c.getBytes("max-message-size").longValue(), c.getDuration("idle-timeout"),
        c.getDuration("max-duration"), c.getDuration("close-timeout"), (int) c.getBytes("max-frame-size").longValue(),
        c.getDuration("message-timeout"), c.getDuration("ping-interval"));
  }

  public WebSocketSettings withMaxMessageBytes(int value) {
    return new WebSocketSettings(value, idleTimeout, maxConnectionDuration, closeTimeout, maxFrameBytes,
        messageTimeout, pingInterval);
  }

  public WebSocketSettings withIdleTimeout(Duration value) {
    return new WebSocketSettings(maxMessageBytes, value, maxConnectionDuration, closeTimeout, maxFrameBytes,
        messageTimeout, pingInterval);
  }

  public WebSocketSettings withMaxConnectionDuration(Duration value) {
    return new WebSocketSettings(maxMessageBytes, idleTimeout, value, closeTimeout, maxFrameBytes, messageTimeout,
        pingInterval);
  }

  public WebSocketSettings withCloseTimeout(Duration value) {
    return new WebSocketSettings(maxMessageBytes, idleTimeout, maxConnectionDuration, value, maxFrameBytes,
        messageTimeout, pingInterval);
  }

  public WebSocketSettings withMaxFrameBytes(int value) {
    return new WebSocketSettings(maxMessageBytes, idleTimeout, maxConnectionDuration, closeTimeout, value,
        messageTimeout, pingInterval);
  }

  public WebSocketSettings withMessageTimeout(Duration value) {
    return new WebSocketSettings(maxMessageBytes, idleTimeout, maxConnectionDuration, closeTimeout, maxFrameBytes,
        value, pingInterval);
  }

  public WebSocketSettings withPingInterval(Duration value) {
    return new WebSocketSettings(maxMessageBytes, idleTimeout, maxConnectionDuration, closeTimeout, maxFrameBytes,
        messageTimeout, value);
  }

  private static void requirePositive(String name, int value) {
    if (value <= 0) throw new IllegalArgumentException(name + " must be positive: " + value);
  }

  private static void requirePositive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }
}
