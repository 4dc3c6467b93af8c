package router.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/**
 * What clients send that they should not: invalid JSON, empty messages, oversized and binary frames. Each gets
 * API Gateway's answer, and nothing one client sends affects another connection.
 */
class BadInputTest {
  private static final int LIMIT = 128 * 1024;

  @TempDir static Path dataDir;
  static TestNode node;
  static String withDefault;
  static String withoutDefault;

  @BeforeAll
  static void start() {
    node = TestNode.start(dataDir);
    withDefault = api(node.sdk, true);
    withoutDefault = api(node.sdk, false);
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  /** An API whose two-way {@code echo} route answers "echo" and, optionally, a two-way $default answering "default". */
  private static String api(ApiGatewayV2Client sdk, boolean defaultRoute) {
    String apiId = sdk.createApi(b -> b.name("bad-input").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    twoWayRoute(sdk, apiId, "echo");
    if (defaultRoute) twoWayRoute(sdk, apiId, "$default");
    sdk.createStage(b -> b.apiId(apiId).stageName("dev").autoDeploy(true));
    return apiId;
  }

  private static void twoWayRoute(ApiGatewayV2Client sdk, String apiId, String key) {
    String integrationId = sdk.createIntegration(b -> b.apiId(apiId).integrationType(IntegrationType.MOCK)
        .requestTemplates(Map.of("application/json", "{\"statusCode\":200}"))).integrationId();
    sdk.createIntegrationResponse(b -> b.apiId(apiId).integrationId(integrationId).integrationResponseKey("$default")
        .responseTemplates(Map.of("$default", "$context.routeKey")));
    String routeId = sdk.createRoute(b -> b.apiId(apiId).routeKey(key).routeResponseSelectionExpression("$default")
        .target("integrations/" + integrationId)).routeId();
    sdk.createRouteResponse(b -> b.apiId(apiId).routeId(routeId).routeResponseKey("$default"));
  }

  @Test
  void routesInvalidJsonToDefaultAndKeepsTheConnection() {
    try (WsClient client = WsClient.connect(node.wsUrl(withDefault, "dev"))) {
      client.send("{\"action\": ");
      assertEquals("$default", client.next());
      client.send("{\"action\":\"echo\"}");
      assertEquals("echo", client.next());
    }
  }

  @Test
  void routesEmptyMessageToDefault() {
    try (WsClient client = WsClient.connect(node.wsUrl(withDefault, "dev"))) {
      client.send("");
      assertEquals("$default", client.next());
      client.send("{\"action\":\"echo\"}");
      assertEquals("echo", client.next());
    }
  }

  @Test
  void answersForbiddenToInvalidJsonWithoutDefaultRouteAndKeepsTheConnection() {
    try (WsClient client = WsClient.connect(node.wsUrl(withoutDefault, "dev"))) {
      client.send("not json at all");
      assertTrue(client.next().startsWith("{\"message\": \"Forbidden\", \"connectionId\":\""));
      client.send("");
      assertTrue(client.next().startsWith("{\"message\": \"Forbidden\", \"connectionId\":\""));
      client.send("{\"action\":\"echo\"}");
      assertEquals("echo", client.next());
    }
  }

  @Test
  void acceptsAMessageOfExactly128KiB() {
    try (WsClient client = WsClient.connect(node.wsUrl(withDefault, "dev"))) {
      client.send(jsonOfSize(LIMIT));
      assertEquals("echo", client.next());
    }
  }

  @Test
  void closesOnlyTheOffendingConnectionWith1009WhenAMessageExceeds128KiB() {
    try (WsClient bystander = WsClient.connect(node.wsUrl(withDefault, "dev"));
        WsClient offender = WsClient.connect(node.wsUrl(withDefault, "dev"))) {
      offender.send(jsonOfSize(LIMIT + 1));
      assertEquals(1009, offender.awaitClose().code());
      bystander.send("{\"action\":\"echo\"}");
      assertEquals("echo", bystander.next());
    }
  }

  @Test
  void closesWith1003OnBinaryFrame() {
    try (WsClient bystander = WsClient.connect(node.wsUrl(withDefault, "dev"));
        WsClient client = WsClient.connect(node.wsUrl(withDefault, "dev"))) {
      client.sendBinary(new byte[] {1, 2, 3});
      assertEquals(1003, client.awaitClose().code());
      bystander.send("{\"action\":\"echo\"}");
      assertEquals("echo", bystander.next());
    }
  }

  @Test
  void answersInternalServerErrorToAHostileTemplateAndKeepsServingOthers() {
    String apiId = node.sdk.createApi(b -> b.name("hostile").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    String integrationId = node.sdk.createIntegration(b -> b.apiId(apiId).integrationType(IntegrationType.MOCK)
        .requestTemplates(Map.of("application/json", "#set($s = \"x\")#foreach($i in [1..64])#set($s = \"$s$s\")#end"
            + "{\"statusCode\":200}"))).integrationId();
    node.sdk.createIntegrationResponse(b -> b.apiId(apiId).integrationId(integrationId)
        .integrationResponseKey("$default").responseTemplates(Map.of("$default", "never")));
    String routeId = node.sdk.createRoute(b -> b.apiId(apiId).routeKey("boom").routeResponseSelectionExpression("$default")
        .target("integrations/" + integrationId)).routeId();
    node.sdk.createRouteResponse(b -> b.apiId(apiId).routeId(routeId).routeResponseKey("$default"));
    node.sdk.createStage(b -> b.apiId(apiId).stageName("dev").autoDeploy(true));
    try (WsClient attacker = WsClient.connect(node.wsUrl(apiId, "dev"));
        WsClient bystander = WsClient.connect(node.wsUrl(withDefault, "dev"))) {
      attacker.send("{\"action\":\"boom\"}");
      assertTrue(attacker.next().startsWith("{\"message\": \"Internal server error\", \"connectionId\":\""));
      bystander.send("{\"action\":\"echo\"}");
      assertEquals("echo", bystander.next());
      attacker.send("{\"action\":\"boom\"}");
      assertTrue(attacker.next().startsWith("{\"message\": \"Internal server error\""));
    }
  }

  @Test
  void rejectsTemplatesThatReachOutsideTheSandboxAtTheControlPlane() {
    String apiId = withDefault;
    for (String template : java.util.List.of("#parse('/etc/passwd')", "#include('/etc/passwd')",
        "#evaluate('x')")) {
      var e = org.junit.jupiter.api.Assertions.assertThrows(
          software.amazon.awssdk.services.apigatewayv2.model.BadRequestException.class,
          () -> node.sdk.createIntegration(b -> b.apiId(apiId).integrationType(IntegrationType.MOCK)
              .requestTemplates(Map.of("application/json", template))));
      assertTrue(e.awsErrorDetails().errorMessage().startsWith("Invalid mapping expression"), template);
    }
  }

  /** {"action":"echo","pad":"xxx..."} of exactly {@code size} bytes. */
  private static String jsonOfSize(int size) {
    String head = "{\"action\":\"echo\",\"pad\":\"";
    String tail = "\"}";
    return head + "x".repeat(size - head.length() - tail.length()) + tail;
  }
}
