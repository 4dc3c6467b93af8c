package router.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/**
 * A node stopped as a service manager stops it (SIGTERM to {@code router.node.Main}) closes its connections with
 * 1001 "Going away" and runs their {@code $disconnect} before its JVM exits.
 */
class SigtermTest {
  @TempDir Path dir;

  @Test
  void sigtermClosesConnectionsWith1001AndRunsTheirDisconnectBeforeTheNodeExits() throws Exception {
    try (HttpBackendServer backend = new HttpBackendServer().answer("/hello", 200, "\"hello\"")
        .answer("/bye", 200, "")) {
      NodeProcess node = NodeProcess.start(Map.of("ROUTER_DATA_DIR", dir.resolve("data").toString()),
          dir.resolve("node.log"));
      String apiId;
      try (ApiGatewayV2Client sdk = node.sdk()) {
        apiId = sdk.createApi(b -> b.name("leaving").protocolType(ProtocolType.WEBSOCKET)
            .routeSelectionExpression("$request.body.action")).apiId();
        String hello = sdk.createIntegration(b -> b.apiId(apiId).integrationType("HTTP_PROXY")
            .integrationMethod("POST").integrationUri("http://127.0.0.1:" + backend.port() + "/hello"))
            .integrationId();
        String bye = sdk.createIntegration(b -> b.apiId(apiId).integrationType("HTTP_PROXY")
            .integrationMethod("POST").integrationUri("http://127.0.0.1:" + backend.port() + "/bye"))
            .integrationId();
        String routeId = sdk.createRoute(b -> b.apiId(apiId).routeKey("$default")
            .routeResponseSelectionExpression("$default").target("integrations/" + hello)).routeId();
        sdk.createRouteResponse(b -> b.apiId(apiId).routeId(routeId).routeResponseKey("$default"));
        sdk.createRoute(b -> b.apiId(apiId).routeKey("$disconnect").target("integrations/" + bye));
        sdk.createStage(b -> b.apiId(apiId).stageName("dev").autoDeploy(true));
      }
      WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"));
      client.send("{}");
      assertEquals("\"hello\"", client.next());

      node.close(); // SIGTERM, and wait for the JVM to exit

      assertEquals(new WsClient.Closed(1001, "Going away"), client.awaitClose());
      HttpBackendServer.Received disconnect;
      do {
        disconnect = backend.received.poll(10, TimeUnit.SECONDS);
        assertNotNull(disconnect, "no $disconnect reached the backend");
      } while (!disconnect.path().equals("/bye"));
    }
  }
}
