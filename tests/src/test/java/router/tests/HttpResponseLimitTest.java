package router.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/**
 * {@code router.integrations.http.max-response-size} bounds what the router reads of a backend's answer, whether the
 * answer arrives whole (a small body, parsed at once) or streamed (a large one): past it the client gets
 * "Internal server error" and the connection keeps serving.
 */
class HttpResponseLimitTest {
  private static final int LIMIT = 64;

  @TempDir static Path dataDir;
  static TestNode node;
  static HttpBackendServer backend;

  @BeforeAll
  static void start() {
    backend = new HttpBackendServer()
        .answer("/fits", 200, "\"" + "a".repeat(LIMIT - 2) + "\"")
        .answer("/one-over", 200, "\"" + "b".repeat(LIMIT - 1) + "\"")
        .answer("/large", 200, "\"" + "c".repeat(200_000) + "\"");
    node = TestNode.start(dataDir, Map.of("router.integrations.http.max-response-size", LIMIT));
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
    backend.close();
  }

  @Test
  void answersOverTheLimitAreRefusedWholeOrStreamed() throws Exception {
    String apiId = node.sdk.createApi(b -> b.name("limit").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    for (String path : new String[] {"fits", "one-over", "large"}) {
      String integrationId = node.sdk.createIntegration(b -> b.apiId(apiId).integrationType("HTTP_PROXY")
          .integrationMethod("POST").integrationUri(backend.url("/" + path))).integrationId();
      String routeId = node.sdk.createRoute(b -> b.apiId(apiId).routeKey(path)
          .routeResponseSelectionExpression("$default").target("integrations/" + integrationId)).routeId();
      node.sdk.createRouteResponse(b -> b.apiId(apiId).routeId(routeId).routeResponseKey("$default"));
    }
    node.sdk.createStage(b -> b.apiId(apiId).stageName("dev").autoDeploy(true));

    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"))) {
      client.send("{\"action\":\"fits\"}");
      String fits = client.next();
      assertEquals(LIMIT, fits.length(), fits);

      client.send("{\"action\":\"one-over\"}");
      assertTrue(client.next().startsWith("{\"message\": \"Internal server error\""));

      client.send("{\"action\":\"large\"}");
      assertTrue(client.next().startsWith("{\"message\": \"Internal server error\""));

      client.send("{\"action\":\"fits\"}");
      assertEquals(LIMIT, client.next().length(), "the connection keeps serving");
    }
  }
}
