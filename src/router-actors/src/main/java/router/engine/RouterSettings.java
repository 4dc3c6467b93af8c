package router.engine;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The engine's settings, read once from {@code router} (see reference.conf for meanings and defaults).
 *
 * @param maxInFlight messages of one connection processed at once; more wait in the socket (back-pressure)
 * @param outboundBuffer messages that may wait to be written to one connection before pushes are refused
 */
public record RouterSettings(
    int maxInFlight,
    int outboundBuffer,
    int maxMessageBytes,
    Duration idleTimeout,
    Duration maxConnectionDuration,
    Duration closeTimeout,
    Duration shutdownTimeout,
    Duration askTimeout,
    int maxTemplateBytes,
    int maxTemplateLoops,
    Duration templateRenderTimeout,
    int maxTemplateOutputBytes,
    int maxTemplateStringBytes,
    long maxTemplateWork,
    int maxMacroDepth) {

  public static RouterSettings from(Config config) {
    Config router = config.getConfig("router");
    Config connection = router.getConfig("connection");
    Config templates = router.getConfig("templates");
    return new RouterSettings(
        connection.getInt("max-in-flight"),
        connection.getInt("outbound-buffer"),
        (int) connection.getBytes("max-message-size").longValue(),
        connection.getDuration("idle-timeout"),
        connection.getDuration("max-duration"),
        connection.getDuration("close-timeout"),
        connection.getDuration("shutdown-timeout"),
        router.getDuration("control-plane.ask-timeout"),
        (int) templates.getBytes("max-template-size").longValue(),
        templates.getInt("max-loops"),
        templates.getDuration("render-timeout"),
        (int) templates.getBytes("max-output-size").longValue(),
        (int) templates.getBytes("max-string-size").longValue(),
        templates.getLong("max-render-work"),
        templates.getInt("max-macro-depth"));
  }
}
