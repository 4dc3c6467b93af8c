package router.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/**
 * The standalone node ({@code router.node.Main}, as {@code bin/router-node} runs it) allows private networks by
 * default, says so in its startup log, and so reaches a developer's backend on localhost. (The policy itself, as
 * ROUTER_EGRESS_ALLOW_PRIVATE_NETWORKS=false turns it on, is covered in-process by EgressTest.)
 */
class SingleNodeEgressTest {
  /** The node's own logging (INFO) rather than the tests' logback-test.xml (WARN) found on the same classpath. */
  private static final Map<String, String> NODE_LOGGING =
      Map.of("JAVA_TOOL_OPTIONS", "-Dlogback.configurationFile=logback.xml");

  @TempDir Path dir;

  private Map<String, String> environment(Map<String, String> extra) {
    Map<String, String> environment = new java.util.HashMap<>(NODE_LOGGING);
    environment.put("ROUTER_DATA_DIR", dir.resolve("data").toString());
    environment.putAll(extra);
    return environment;
  }

  private static String callLocalBackend(NodeProcess node, HttpBackendServer backend) {
    try (ApiGatewayV2Client sdk = node.sdk()) {
      String apiId = sdk.createApi(b -> b.name("local").protocolType(ProtocolType.WEBSOCKET)
          .routeSelectionExpression("$request.body.action")).apiId();
      String integrationId = sdk.createIntegration(b -> b.apiId(apiId).integrationType("HTTP_PROXY")
          .integrationMethod("POST").integrationUri("http://localhost:" + backend.port() + "/hello")).integrationId();
      String routeId = sdk.createRoute(b -> b.apiId(apiId).routeKey("$default")
          .routeResponseSelectionExpression("$default").target("integrations/" + integrationId)).routeId();
      sdk.createRouteResponse(b -> b.apiId(apiId).routeId(routeId).routeResponseKey("$default"));
      sdk.createStage(b -> b.apiId(apiId).stageName("dev").autoDeploy(true));
      try (WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"))) {
        client.send("{}");
        return client.next();
      }
    }
  }

  @Test
  void singleNodeReachesALocalhostBackendAndSaysSoAtStart() throws Exception {
    Path log = dir.resolve("node.log");
    try (HttpBackendServer backend = new HttpBackendServer().answer("/hello", 200, "\"hello from localhost\"");
        NodeProcess node = NodeProcess.start(environment(Map.of()), log)) {
      assertEquals("\"hello from localhost\"", callLocalBackend(node, backend));
    }
    String output = Files.readString(log);
    assertTrue(output.contains("Egress: HTTP integrations may reach loopback and private networks"), output);
  }
}
