package router.integration.http;

import java.util.List;
import java.util.Map;

/**
 * The HTTP request an HTTP or HTTP_PROXY integration sends, before it becomes a pekko-http request.
 *
 * @param target scheme, host and port: the key of the connection pool it uses
 * @param pathAndQuery the request target, e.g. {@code /orders?id=1}
 * @param headers headers in order, without {@code Content-Type} (carried by {@code contentType})
 * @param contentType the body's media type, or null for no body
 * @param binaryBody the bytes to send instead of {@code body} (its base64, decoded: {@code contentHandlingStrategy}
 *     {@code CONVERT_TO_BINARY}); null to send {@code body} as text
 */
public record OutboundRequest(
    String method, Target target, String pathAndQuery, List<Map.Entry<String, String>> headers,
    String contentType, String body, byte[] binaryBody) {

  public OutboundRequest(String method, Target target, String pathAndQuery, List<Map.Entry<String, String>> headers,
      String contentType, String body) {
    this(method, target, pathAndQuery, headers, contentType, body, null);
  }

  /** Where a request goes: {@code http} or {@code https}, host (as written in the URI) and port. */
  public record Target(String scheme, String host, int port) {
    public boolean https() {
      return "https".equals(scheme);
    }

    @Override
    public String toString() {
      return scheme + "://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
  }
}
