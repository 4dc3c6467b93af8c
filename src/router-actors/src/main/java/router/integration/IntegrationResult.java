package router.integration;

import java.util.List;
import java.util.Map;

/** A backend's answer: status code, headers (lower-case names) and body text. */
public record IntegrationResult(int statusCode, Map<String, List<String>> headers, String body) {

  /** The first value of a header, or null. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
