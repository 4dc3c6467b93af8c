package router.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The MOCK integration: no backend. The status code is the {@code statusCode} of the JSON the request template
 * produced ({@code {"statusCode": 200}}); without one, 200 — the guide's "default integration response without
 * defining the integration request mapping template". A mock's integration response has no body.
 */
public final class MockBackend implements IntegrationBackend {
  private static final int DEFAULT_STATUS = 200;
  private static final int MIN_STATUS = 100;
  private static final int MAX_STATUS = 599;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The last body read and its status: a literal request template gives the same String every time. */
  private record Last(String body, int status) {}

  private volatile Last last = new Last(null, DEFAULT_STATUS);

  @Override
  public CompletionStage<IntegrationResult> invoke(IntegrationRequest request) {
    try {
      String body = request.body();
      Last cached = last;
      int status;
      if (cached.body() == body) {
        status = cached.status();
      } else {
        status = statusCode(body);
        last = new Last(body, status);
      }
      return CompletableFuture.completedFuture(new IntegrationResult(status, Map.of(), ""));
    } catch (IntegrationException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** The status code a mapped request body asks for. */
  static int statusCode(String body) {
    if (body == null || body.indexOf("statusCode") < 0) return DEFAULT_STATUS;
    try {
      JsonNode code = JSON.readTree(body).get("statusCode");
      if (code != null && code.canConvertToInt()) {
        int status = code.asInt();
        if (status >= MIN_STATUS && status <= MAX_STATUS) return status;
      }
      if (code != null && code.isTextual() && code.asText().matches("[1-5]\\d\\d")) {
        return Integer.parseInt(code.asText());
      }
      throw new IntegrationException("Invalid statusCode in the mock integration's request: " + code);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return DEFAULT_STATUS;
    }
  }
}
