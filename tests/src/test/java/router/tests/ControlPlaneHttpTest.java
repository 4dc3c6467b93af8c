package router.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The apigatewayv2 wire protocol as raw HTTP: status codes, camelCase JSON, error headers, pagination, PATCH. */
class ControlPlaneHttpTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dataDir;
  static TestNode node;

  @BeforeAll
  static void start() {
    node = TestNode.start(dataDir);
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  record Answer(int status, JsonNode body, HttpResponse<String> raw) {}

  private static Answer call(String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.controlUrl() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = response.body().isEmpty() ? null : JSON.readTree(response.body());
    return new Answer(response.statusCode(), json, response);
  }

  private static String newApi() throws Exception {
    Answer created = call("POST", "/v2/apis",
        "{\"name\":\"raw\",\"protocolType\":\"WEBSOCKET\",\"routeSelectionExpression\":\"$request.body.action\"}");
    assertEquals(201, created.status());
    return created.body().get("apiId").asText();
  }

  @Test
  void createsApiWith201AndCamelCaseFields() throws Exception {
    Answer created = call("POST", "/v2/apis",
        "{\"name\":\"raw\",\"protocolType\":\"WEBSOCKET\",\"routeSelectionExpression\":\"$request.body.action\"}");
    assertEquals(201, created.status());
    JsonNode api = created.body();
    assertTrue(api.get("apiId").asText().matches("[a-z0-9]{10}"));
    assertEquals("WEBSOCKET", api.get("protocolType").asText());
    assertEquals("$request.header.x-api-key", api.get("apiKeySelectionExpression").asText());
    assertTrue(api.get("apiEndpoint").asText().endsWith("/" + api.get("apiId").asText()));
    assertTrue(api.get("createdDate").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
    assertFalse(api.get("disableExecuteApiEndpoint").asBoolean());
  }

  @Test
  void getsWith200PatchesWith200DeletesWith204() throws Exception {
    String apiId = newApi();
    assertEquals(200, call("GET", "/v2/apis/" + apiId, null).status());
    Answer patched = call("PATCH", "/v2/apis/" + apiId, "{\"name\":\"renamed\",\"description\":\"d\"}");
    assertEquals(200, patched.status());
    assertEquals("renamed", patched.body().get("name").asText());
    assertEquals("$request.body.action", patched.body().get("routeSelectionExpression").asText());
    Answer deleted = call("DELETE", "/v2/apis/" + apiId, null);
    assertEquals(204, deleted.status());
    assertNull(deleted.body());
    Answer gone = call("GET", "/v2/apis/" + apiId, null);
    assertEquals(404, gone.status());
    assertEquals("NotFoundException", gone.raw().headers().firstValue("x-amzn-ErrorType").orElseThrow());
    assertTrue(gone.body().get("message").asText().startsWith("Invalid API identifier specified"));
  }

  @Test
  void answersMalformedJsonWithBadRequest() throws Exception {
    Answer answer = call("POST", "/v2/apis", "{\"name\":");
    assertEquals(400, answer.status());
    assertEquals("BadRequestException", answer.raw().headers().firstValue("x-amzn-ErrorType").orElseThrow());
    assertTrue(answer.body().get("message").asText().contains("Could not parse request body"));
  }

  @Test
  void answersWrongFieldTypeWithBadRequest() throws Exception {
    String apiId = newApi();
    Answer answer = call("POST", "/v2/apis/" + apiId + "/integrations",
        "{\"integrationType\":\"MOCK\",\"timeoutInMillis\":\"soon\"}");
    assertEquals(400, answer.status());
    assertTrue(answer.body().get("message").asText().contains("timeoutInMillis"), answer.body().toString());
  }

  @Test
  void pagesWithMaxResultsAndNextToken() throws Exception {
    String apiId = newApi();
    for (int i = 0; i < 5; i++) {
      assertEquals(201, call("POST", "/v2/apis/" + apiId + "/routes", "{\"routeKey\":\"r" + i + "\"}").status());
    }
    List<String> keys = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      Answer page = call("GET", "/v2/apis/" + apiId + "/routes?maxResults=2"
          + (token == null ? "" : "&nextToken=" + token), null);
      assertEquals(200, page.status());
      page.body().get("items").forEach(route -> keys.add(route.get("routeKey").asText()));
      token = page.body().has("nextToken") ? page.body().get("nextToken").asText() : null;
      pages++;
    } while (token != null);
    assertEquals(List.of("r0", "r1", "r2", "r3", "r4"), keys);
    assertEquals(3, pages);
  }

  @Test
  void rejectsInvalidNextTokenAndMaxResults() throws Exception {
    String apiId = newApi();
    assertEquals(400, call("GET", "/v2/apis/" + apiId + "/routes?nextToken=garbage!", null).status());
    assertEquals(400, call("GET", "/v2/apis/" + apiId + "/routes?maxResults=0", null).status());
  }

  @Test
  void answersUnknownResourceWithNotFound() throws Exception {
    Answer answer = call("GET", "/v2/domainnames", null);
    assertEquals(404, answer.status());
    assertEquals("NotFoundException", answer.raw().headers().firstValue("x-amzn-ErrorType").orElseThrow());
  }

  @Test
  void createsRouteWithTheGuidesDefaults() throws Exception {
    String apiId = newApi();
    Answer route = call("POST", "/v2/apis/" + apiId + "/routes", "{\"routeKey\":\"$default\"}");
    assertEquals(201, route.status());
    assertEquals("NONE", route.body().get("authorizationType").asText());
    assertFalse(route.body().get("apiKeyRequired").asBoolean());
    assertTrue(route.body().get("routeId").asText().matches("[a-z0-9]{7}"));
  }
}
