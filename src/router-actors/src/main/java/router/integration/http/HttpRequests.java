package router.integration.http;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import router.integration.EventContext;
import router.integration.IntegrationException;
import router.integration.IntegrationRequest;
import router.model.IntegrationType;

/**
 * Turns an {@link IntegrationRequest} of type HTTP or HTTP_PROXY into the {@link OutboundRequest} API Gateway would
 * send. Pure.
 *
 * <ul>
 *   <li>{@code integrationMethod} {@code ANY} becomes {@code POST}: a WebSocket event carries a body and no method
 *       of its own (an explicit method is sent as given).
 *   <li>The body is the rendered request template (HTTP) or the message as received (HTTP_PROXY); on
 *       {@code $connect} and {@code $disconnect} a proxy integration sends no body.
 *   <li>On {@code $connect}, HTTP_PROXY forwards the handshake's headers and query string, as API Gateway does,
 *       except hop-by-hop headers and the WebSocket handshake's own ({@code Sec-WebSocket-Key}, ...). HTTP sends
 *       only what {@code requestParameters} map ({@code route.request.header.X}, {@code
 *       route.request.querystring.X}).
 *   <li>Headers and query string parameters mapped by {@code requestParameters} are added last and replace a
 *       forwarded value of the same name.
 *   <li>With {@code contentHandlingStrategy} {@code CONVERT_TO_BINARY} the body (base64 text: the client's message
 *       or the rendered template) is decoded and sent as bytes, {@code application/octet-stream} unless a
 *       {@code Content-Type} is mapped (the guide: "convert the payload from base64-encoded string to binary").
 * </ul>
 */
public final class HttpRequests {
  static final String DEFAULT_CONTENT_TYPE = "application/json";
  static final String BINARY_CONTENT_TYPE = "application/octet-stream";
  private static final String CONVERT_TO_BINARY = "CONVERT_TO_BINARY";
  private static final String CONTENT_TYPE = "content-type";

  /** Not forwarded from the handshake: hop-by-hop (RFC 9110 §7.6.1), set by the client itself, or the upgrade's. */
  private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-connection",
      "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host",
      "content-length", "expect", "sec-websocket-key", "sec-websocket-version", "sec-websocket-extensions",
      "sec-websocket-accept");

  private static final int URI_CACHE = 1024;
  private static final ConcurrentHashMap<String, ParsedUri> URIS = new ConcurrentHashMap<>();

  private HttpRequests() {}

  public static OutboundRequest of(IntegrationRequest request) {
    ParsedUri uri = parsed(request.uri());
    OutboundRequest.Target target = uri.target();
    boolean proxy = request.type() == IntegrationType.HTTP_PROXY;
    boolean connect = request.event() != null && EventContext.CONNECT.equals(request.event().eventType());

    List<Map.Entry<String, String>> headers = new ArrayList<>();
    StringBuilder query = new StringBuilder(uri.rawQuery());
    if (proxy && connect) {
      request.event().headers().forEach((name, values) -> {
        if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
          for (String value : values) headers.add(Map.entry(name, value));
        }
      });
      request.event().queryString().forEach((name, values) -> {
        if (!request.queryString().containsKey(name)) {
          for (String value : values) appendParameter(query, name, value);
        }
      });
    }
    request.headers().forEach((name, value) -> {
      headers.removeIf(h -> h.getKey().equalsIgnoreCase(name));
      headers.add(Map.entry(name, value));
    });
    request.queryString().forEach((name, value) -> appendParameter(query, name, value));

    String body = proxy && !EventContext.MESSAGE.equals(eventType(request)) ? "" : request.body();
    String contentType = null;
    for (Map.Entry<String, String> header : headers) {
      if (header.getKey().equalsIgnoreCase(CONTENT_TYPE)) contentType = header.getValue();
    }
    headers.removeIf(h -> h.getKey().equalsIgnoreCase(CONTENT_TYPE));
    byte[] binary = null;
    if (body == null || body.isEmpty()) {
      body = "";
      contentType = null;
    } else if (request.integration() != null
        && CONVERT_TO_BINARY.equals(request.integration().contentHandlingStrategy())) {
      try {
        binary = Base64.getMimeDecoder().decode(body);
      } catch (IllegalArgumentException e) {
        throw new IntegrationException("contentHandlingStrategy is CONVERT_TO_BINARY but the payload is not base64: "
            + e.getMessage());
      }
      if (contentType == null) contentType = BINARY_CONTENT_TYPE;
    } else if (contentType == null) {
      contentType = DEFAULT_CONTENT_TYPE;
    }
    String pathAndQuery = query.isEmpty() ? uri.path() : uri.path() + "?" + query;
    return new OutboundRequest(method(request.method()), target, pathAndQuery, List.copyOf(headers), contentType,
        body, binary);
  }

  /** The HTTP method sent for an {@code integrationMethod}: {@code ANY} (or none) is {@code POST}. */
  static String method(String integrationMethod) {
    if (integrationMethod == null || integrationMethod.isBlank()) return "POST";
    String method = integrationMethod.toUpperCase(Locale.ROOT);
    return "ANY".equals(method) ? "POST" : method;
  }

  private static String eventType(IntegrationRequest request) {
    return request.event() == null ? EventContext.MESSAGE : request.event().eventType();
  }

  /** An integration URI's parts: its target, its path ({@code /} when empty) and its raw query ({@code ""}). */
  record ParsedUri(OutboundRequest.Target target, String path, String rawQuery) {}

  /** The parts of {@code uri}, parsed once per distinct URI (one per integration and stage variables). */
  static ParsedUri parsed(String uri) {
    ParsedUri known = URIS.get(uri);
    if (known != null) return known;
    URI parsed = parse(uri);
    boolean https = "https".equalsIgnoreCase(parsed.getScheme());
    int port = parsed.getPort() >= 0 ? parsed.getPort() : https ? 443 : 80;
    String host = parsed.getHost().startsWith("[") ? parsed.getHost().substring(1, parsed.getHost().length() - 1)
        : parsed.getHost();
    String path = parsed.getRawPath() == null || parsed.getRawPath().isEmpty() ? "/" : parsed.getRawPath();
    ParsedUri parts = new ParsedUri(new OutboundRequest.Target(https ? "https" : "http", host, port), path,
        parsed.getRawQuery() == null ? "" : parsed.getRawQuery());
    // URIs come from integrations (with stage variables resolved): remember a bounded number of them.
    if (URIS.size() < URI_CACHE) URIS.put(uri, parts);
    return parts;
  }

  private static URI parse(String uri) {
    try {
      URI parsed = new URI(uri);
      String scheme = parsed.getScheme();
      if (parsed.getHost() == null || scheme == null
          || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
        throw new IntegrationException("Integration URI is not an http(s) URL with a host: " + uri);
      }
      return parsed;
    } catch (java.net.URISyntaxException e) {
      throw new IntegrationException("Integration URI is not a valid URL: " + uri);
    }
  }

  private static void appendParameter(StringBuilder query, String name, String value) {
    if (!query.isEmpty()) query.append('&');
    query.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
  }
}
