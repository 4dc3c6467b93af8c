package router.engine;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The engine's settings, read once from {@code router} (see reference.conf for meanings and defaults).
 *
 * @param maxInFlight messages of one connection processed at once; more wait in the socket (back-pressure)
 * @param maxMessageBytes largest client message, and largest {@code @connections} POST body
 *
 * <p>The WebSocket limits enforced by router-node's codec are read by {@code WebSocketSettings.from}, the outbound
 * queue's by {@code OutboundLimits.from}, each where it is enforced.
 */
public record RouterSettings(
    int maxInFlight,
    int maxMessageBytes,
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
        (int) connection.getBytes("max-message-size").longValue(),
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
