package router.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigatewayv2.model.ConnectionType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/**
 * A private backend reached through a VPC link, on a node whose egress policy refuses private networks: the link,
 * named by a stage variable, spreads calls over its two targets and skips a third that refuses connections, while a
 * plain INTERNET integration to the same backend is refused.
 */
class VpcLinkIntegrationTest {
  private static final String NLB = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/orders/1";
  private static HttpBackendServer first;
  private static HttpBackendServer second;
  private static TestNode node;

  @BeforeAll
  static void start() throws Exception {
    first = new HttpBackendServer();
    second = new HttpBackendServer();
    for (HttpBackendServer backend : List.of(first, second)) {
      backend.on("/items", r -> CompletableFuture.completedFuture(HttpBackendServer.json(200,
          "{\"target\":" + backend.port() + ",\"got\":" + r.body() + "}")));
    }
    int refusing;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      refusing = socket.getLocalPort(); // closed again at once: connections to it are refused
    }
    node = TestNode.start(Files.createTempDirectory("router-vpclink-e2e"), Map.of(
        "router.egress.allow-private-networks", "off",
        "router.vpc-links.targets.\"" + NLB + "\"",
        List.of("127.0.0.1:" + refusing, "127.0.0.1:" + first.port(), "127.0.0.1:" + second.port())));
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
    first.close();
    second.close();
  }

  private static String createVpcLink() throws Exception {
    HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(node.controlUrl() + "/vpclinks"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"orders\",\"targetArns\":[\"" + NLB + "\"]}"))
        .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(202, created.statusCode(), created.body());
    return new ObjectMapper().readTree(created.body()).get("id").asText();
  }

  private static String api(String integrationUri, boolean throughLink) {
    String apiId = node.sdk.createApi(b -> b.name("private").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    String integrationId = node.sdk.createIntegration(b -> {
      b.apiId(apiId).integrationType("HTTP_PROXY").integrationMethod("POST").integrationUri(integrationUri);
      if (throughLink) b.connectionType(ConnectionType.VPC_LINK).connectionId("${stageVariables.vpcLinkId}");
    }).integrationId();
    String routeId = node.sdk.createRoute(b -> b.apiId(apiId).routeKey("$default")
        .routeResponseSelectionExpression("$default").target("integrations/" + integrationId)).routeId();
    node.sdk.createRouteResponse(b -> b.apiId(apiId).routeId(routeId).routeResponseKey("$default"));
    return apiId;
  }

  @Test
  void reachesBothTargetsOfALinkNamedByAStageVariableAndSkipsOneThatRefuses() throws Exception {
    String linkId = createVpcLink();
    String apiId = api("http://orders.internal/items", true);
    node.sdk.createStage(b -> b.apiId(apiId).stageName("dev").autoDeploy(true)
        .stageVariables(Map.of("vpcLinkId", linkId)));
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"))) {
      for (int i = 0; i < 6; i++) {
        client.send("{\"n\":" + i + "}");
        String reply = client.next();
        assertTrue(reply.contains("\"got\":{\"n\":" + i + "}"), reply);
      }
    }
    assertTrue(first.received.size() > 0 && second.received.size() > 0,
        "both targets served: " + first.received.size() + " and " + second.received.size());
    assertEquals(6, first.received.size() + second.received.size());
  }

  @Test
  void theSameBackendAsAnInternetIntegrationIsRefusedByTheEgressPolicy() throws Exception {
    String apiId = api(first.url("/items"), false);
    node.sdk.createStage(b -> b.apiId(apiId).stageName("dev").autoDeploy(true));
    first.received.clear();
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"))) {
      client.send("{\"n\":1}");
      assertTrue(client.next().startsWith("{\"message\": \"Internal server error\""));
    }
    assertTrue(first.received.isEmpty());
  }

  @Test
  void aStageWithoutTheVariableOrAnUnknownLinkAnswersInternalServerError() throws Exception {
    String apiId = api("http://orders.internal/items", true);
    node.sdk.createStage(b -> b.apiId(apiId).stageName("dev").autoDeploy(true)
        .stageVariables(Map.of("vpcLinkId", "nosuch")));
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"))) {
      client.send("{\"n\":1}");
      assertTrue(client.next().startsWith("{\"message\": \"Internal server error\""));
    }
  }
}
