package router.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A message body and its JSON form, parsed at most once and only when something asks for it. */
final class RequestBody {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final JsonNode NOT_JSON = com.fasterxml.jackson.databind.node.MissingNode.getInstance();

  private final String text;
  private JsonNode json;

  RequestBody(String text) {
    this.text = text;
  }

  String text() {
    return text;
  }

  /** The body as JSON, or null when it is not JSON (API Gateway routes such messages to $default). */
  JsonNode json() {
    if (json == null) json = parse(text);
    return json == NOT_JSON ? null : json;
  }

  private static JsonNode parse(String text) {
    if (!mayBeJson(text)) return NOT_JSON;
    try {
      JsonNode node = JSON.readTree(text);
      return node == null || node.isMissingNode() ? NOT_JSON : node;
    } catch (JsonProcessingException e) {
      return NOT_JSON;
    }
  }

  // Cheap test that spares the exception of a failed parse for most text that is obviously not JSON.
  private static boolean mayBeJson(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
      return c == '{' || c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f'
          || c == 'n';
    }
    return false;
  }
}
