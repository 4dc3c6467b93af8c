package router.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigatewayv2.model.ConnectionType;
import software.amazon.awssdk.services.apigatewayv2.model.CreateApiResponse;
import software.amazon.awssdk.services.apigatewayv2.model.CreateIntegrationResponse;
import software.amazon.awssdk.services.apigatewayv2.model.CreateRouteResponse;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.PassthroughBehavior;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/**
 * The developer guide's MOCK walkthrough, driven by the AWS SDK for Java v2 against a node, then a real WebSocket
 * client on the deployed stage.
 */
class QuickstartEndToEndTest {
  private static final String ERROR_FRAME =
      "\\{\"message\": \"%s\", \"connectionId\":\"[A-Za-z0-9_-]{15}=\", \"requestId\":\"[A-Za-z0-9_-]{15}=\"}";

  @TempDir static Path dataDir;
  static TestNode node;
  static String apiId;
  static CreateIntegrationResponse integration;

  @BeforeAll
  static void deployTheGuidesMockApi() {
    node = TestNode.start(dataDir);
    CreateApiResponse api = node.sdk.createApi(b -> b.name("chat").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action"));
    apiId = api.apiId();
    // integration-params.json of the guide
    integration = node.sdk.createIntegration(b -> b.apiId(apiId)
        .passthroughBehavior(PassthroughBehavior.WHEN_NO_MATCH).timeoutInMillis(29000)
        .connectionType(ConnectionType.INTERNET).requestTemplates(Map.of("application/json", "{\"statusCode\":200}"))
        .integrationType(IntegrationType.MOCK));
    node.sdk.createIntegrationResponse(b -> b.apiId(apiId).integrationId(integration.integrationId())
        .integrationResponseKey("$default")
        .responseTemplates(Map.of("$default", "{\"reply\":\"hello\",\"routeKey\":\"$context.routeKey\"}")));
    CreateRouteResponse route = node.sdk.createRoute(b -> b.apiId(apiId).routeKey("sendmessage")
        .routeResponseSelectionExpression("$default").target("integrations/" + integration.integrationId()));
    node.sdk.createRouteResponse(b -> b.apiId(apiId).routeId(route.routeId()).routeResponseKey("$default"));
    String deploymentId = node.sdk.createDeployment(b -> b.apiId(apiId)).deploymentId();
    node.sdk.createStage(b -> b.apiId(apiId).stageName("dev").deploymentId(deploymentId));
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  @Test
  void createIntegrationAnswersWhatTheGuidePrints() {
    assertTrue(integration.integrationId().matches("[a-z0-9]{7}"), integration.integrationId());
    assertEquals("${response.statuscode}", integration.integrationResponseSelectionExpression());
    assertEquals(PassthroughBehavior.WHEN_NO_MATCH, integration.passthroughBehavior());
    assertEquals(29000, integration.timeoutInMillis());
    assertEquals(ConnectionType.INTERNET, integration.connectionType());
    assertEquals(Map.of("application/json", "{\"statusCode\":200}"), integration.requestTemplates());
    assertEquals(IntegrationType.MOCK, integration.integrationType());
  }

  @Test
  void repliesOnTwoWayMockRoute() {
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"))) {
      client.send("{\"action\":\"sendmessage\"}");
      assertEquals("{\"reply\":\"hello\",\"routeKey\":\"sendmessage\"}", client.next());
    }
  }

  @Test
  void answersForbiddenWhenNoRouteMatchesAndKeepsTheConnection() throws Exception {
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"))) {
      client.send("{\"action\":\"nosuchroute\"}");
      String frame = client.next();
      assertTrue(frame.matches(String.format(ERROR_FRAME, "Forbidden")), frame);
      client.send("{\"action\":\"sendmessage\"}");
      assertEquals("{\"reply\":\"hello\",\"routeKey\":\"sendmessage\"}", client.next());
      assertTrue(client.isOpen());
    }
  }

  @Test
  void errorFrameNamesTheConnectionAndAFreshRequestId() {
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"))) {
      client.send("{\"action\":\"a\"}");
      client.send("{\"action\":\"b\"}");
      String first = client.next();
      String second = client.next();
      String connectionOf = "\"connectionId\":\"";
      assertEquals(first.substring(first.indexOf(connectionOf), first.indexOf(connectionOf) + 34),
          second.substring(second.indexOf(connectionOf), second.indexOf(connectionOf) + 34));
      assertTrue(!first.equals(second), "request ids differ");
    }
  }

  @Test
  void refusesUpgradeToAStageThatIsNotDeployed() {
    assertEquals(403, WsClient.refusedStatus(node.wsUrl(apiId, "nostage")));
  }
}
