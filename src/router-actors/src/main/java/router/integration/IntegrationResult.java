package router.integration;

import java.util.List;
import java.util.Map;
import org.apache.pekko.util.ByteString;

/**
 * A backend's answer: status code, headers (lower-case names) and body text.
 *
 * @param rawBody the body's bytes as received, where a backend has them (HTTP), for an integration response with
 *     {@code contentHandlingStrategy} {@code CONVERT_TO_TEXT} (kept as received, not copied); null elsewhere
 */
public record IntegrationResult(int statusCode, Map<String, List<String>> headers, String body, ByteString rawBody) {

  public IntegrationResult(int statusCode, Map<String, List<String>> headers, String body) {
    this(statusCode, headers, body, null);
  }

  /** The first value of a header, or null. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
