package router.integration.aws;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Builds the HTTP request API Gateway makes for an AWS service integration and signs it with SigV4 (the SDK's
 * {@link AwsV4HttpSigner}). Pure: no I/O, the clock is given.
 *
 * <p>{@code action/{Action}&p1=v1} becomes {@code {method} /?Action={Action}&p1=v1}, {@code path/{path}} becomes
 * {@code {method} /{path}}; the query string parameters mapped by {@code requestParameters} follow, the mapped
 * headers are sent as they are, and the body is the rendered request template.
 */
public final class AwsRequestBuilder {
  /** What API Gateway sends when no {@code integration.request.header.Content-Type} is mapped. */
  static final String DEFAULT_CONTENT_TYPE = "application/json";

  private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();
  private static final String PATH_CHARS = "-._~!$&'()*+,;=:@/";

  private AwsRequestBuilder() {}

  /**
   * The unsigned request.
   *
   * @param endpoint scheme, host, port and optionally a base path of the service's endpoint
   * @param method the integration's {@code integrationMethod} (POST when absent)
   */
  public static SdkHttpFullRequest build(AwsServiceArn arn, URI endpoint, String method, byte[] body,
      Map<String, String> headers, Map<String, String> queryString) {
    String basePath = endpoint.getRawPath() == null ? "" : stripTrailingSlash(endpoint.getRawPath());
    SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder()
        .protocol(endpoint.getScheme())
        .host(endpoint.getHost())
        .port(endpoint.getPort() < 0 ? null : endpoint.getPort())
        .method(SdkHttpMethod.fromValue(method == null || method.isEmpty() ? "POST" : method.toUpperCase(Locale.ROOT)));
    String serviceApi = arn.serviceApi();
    if (arn.form() == AwsServiceArn.Form.ACTION) {
      request.encodedPath(basePath + "/");
      int amp = serviceApi.indexOf('&');
      request.appendRawQueryParameter("Action", arn.action());
      if (amp >= 0) appendQuery(request, serviceApi.substring(amp + 1));
    } else {
      int question = serviceApi.indexOf('?');
      String path = question < 0 ? serviceApi : serviceApi.substring(0, question);
      request.encodedPath(basePath + "/" + encodePath(path));
      if (question >= 0) appendQuery(request, serviceApi.substring(question + 1));
    }
    queryString.forEach(request::appendRawQueryParameter);
    boolean contentType = false;
    for (Map.Entry<String, String> header : headers.entrySet()) {
      request.putHeader(header.getKey(), header.getValue());
      contentType |= header.getKey().equalsIgnoreCase("Content-Type");
    }
    if (!contentType) request.putHeader("Content-Type", DEFAULT_CONTENT_TYPE);
    request.putHeader("Content-Length", Integer.toString(body.length));
    if (body.length > 0) request.contentStreamProvider(ContentStreamProvider.fromByteArrayUnsafe(body));
    return request.build();
  }

  /**
   * The request signed with SigV4 for {@code signingName} in {@code signingRegion}: adds {@code Host}, {@code
   * X-Amz-Date}, {@code X-Amz-Security-Token} (session credentials) and {@code Authorization}.
   */
  public static SdkHttpRequest sign(SdkHttpFullRequest request, AwsCredentialsIdentity credentials,
      String signingName, String signingRegion, Clock clock) {
    return SIGNER.sign(r -> r.identity(credentials)
            .request(request)
            .payload(request.contentStreamProvider().orElse(null))
            .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signingName)
            .putProperty(AwsV4HttpSigner.REGION_NAME, signingRegion)
            .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock))
        .request();
  }

  /** Appends {@code a=1&b=2} (percent-encoded as written in the URI) as raw query parameters. */
  private static void appendQuery(SdkHttpFullRequest.Builder request, String query) {
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) continue;
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      request.appendRawQueryParameter(percentDecode(name), percentDecode(value));
    }
  }

  /** Percent-encodes what may not stand in a URI path, keeping {@code /} and existing {@code %XX} escapes. */
  static String encodePath(String path) {
    StringBuilder out = new StringBuilder(path.length());
    byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xFF;
      boolean escape = b == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2]);
      if (escape || b < 0x80 && (Character.isLetterOrDigit(b) || PATH_CHARS.indexOf(b) >= 0)) {
        out.append((char) b);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
      }
    }
    return out.toString();
  }

  /** Decodes {@code %XX} escapes (not {@code +}: it is a literal plus in a URI's query). */
  static String percentDecode(String s) {
    if (s.indexOf('%') < 0) return s;
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
        out.write(Character.digit(bytes[i + 1], 16) << 4 | Character.digit(bytes[i + 2], 16));
        i += 2;
      } else {
        out.write(bytes[i]);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static boolean isHex(byte b) {
    return Character.digit(b, 16) >= 0;
  }

  private static String stripTrailingSlash(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
