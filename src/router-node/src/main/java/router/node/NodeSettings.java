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

  /** The {@code apiEndpoint} an API reports: the public WebSocket base URL followed by the API id. */
  public String apiEndpoint(String apiId) {
    String base = publicEndpoint.endsWith("/") ? publicEndpoint.substring(0, publicEndpoint.length() - 1)
        : publicEndpoint;
    return base + "/" + apiId;
  }
}
