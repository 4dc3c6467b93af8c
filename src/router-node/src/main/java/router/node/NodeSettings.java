package router.node;

import com.typesafe.config.Config;

/** The listeners of a node and the public address it reports to API clients, from {@code router.node}. */
public record NodeSettings(
    String httpInterface, int httpPort, String controlInterface, int controlPort, String publicEndpoint) {

  public static NodeSettings from(Config config) {
    Config node = config.getConfig("router.node");
    return new NodeSettings(
        node.getString("http.interface"),
        node.getInt("http.port"),
        node.getString("control.interface"),
        node.getInt("control.port"),
        node.getString("public-endpoint"));
  }

  /**
   * The {@code apiEndpoint} of each API: the public WebSocket base URL followed by the API id. Without a configured
   * {@code public-endpoint}, {@code ws://{interface}:{port the listener is bound to}}.
   */
  public java.util.function.Function<String, String> endpoints(int boundHttpPort) {
    String base;
    if (publicEndpoint.isEmpty()) {
      String host = "0.0.0.0".equals(httpInterface) ? "127.0.0.1" : httpInterface;
      base = "ws://" + host + ":" + boundHttpPort;
    } else {
      base = publicEndpoint.endsWith("/") ? publicEndpoint.substring(0, publicEndpoint.length() - 1)
          : publicEndpoint;
    }
    return apiId -> base + "/" + apiId;
  }
}
