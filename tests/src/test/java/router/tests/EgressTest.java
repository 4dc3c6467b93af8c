package router.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.Location;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/**
 * The egress policy of a node that does not allow private networks (the cluster profile), end to end: INTERNET
 * integrations to a loopback backend are refused before any connection, whether the URI names an address or a host
 * name, and a redirect is never followed. The redirecting backend is itself on loopback, so it is let through by
 * {@code router.egress.allowed-targets} (its host:port only); the loopback server it redirects to is not.
 */
class EgressTest {
  @TempDir static Path dataDir;
  static TestNode node;
  /** What the policy must keep Router away from: it must never see a connection. */
  static HttpBackendServer forbidden;
  /** An allowed first hop that redirects to {@code forbidden}. */
  static HttpBackendServer redirecting;

  @BeforeAll
  static void start() {
    forbidden = new HttpBackendServer().answer("/secret", 200, "\"secret\"");
    redirecting = new HttpBackendServer()
        .on("/moved", r -> CompletableFuture.completedFuture(HttpResponse.create().withStatus(302)
            .addHeader(Location.create(forbidden.url("/secret"))).withEntity("moved to the secret")))
        .answer("/open", 200, "\"open\"");
    node = TestNode.start(dataDir, Map.of(
        "router.egress.allow-private-networks", false,
        "router.egress.allowed-targets", List.of("127.0.0.1:" + redirecting.port())));
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
    forbidden.close();
    redirecting.close();
  }

  @AfterEach
  void forbiddenBackendSawNothing() {
    assertEquals(0, forbidden.connections.get(), "connections to the forbidden backend");
    assertTrue(forbidden.drain().isEmpty());
  }

  /** A stage whose {@code $default} route is a two-way integration of {@code type} to {@code uri}. */
  private static String stage(String type, String uri) {
    String apiId = node.sdk.createApi(b -> b.name("egress").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    String integrationId = node.sdk.createIntegration(b -> b.apiId(apiId).integrationType(type)
        .integrationMethod("POST").integrationUri(uri)).integrationId();
    node.sdk.createIntegrationResponse(b -> b.apiId(apiId).integrationId(integrationId)
        .integrationResponseKey("$default"));
    String routeId = node.sdk.createRoute(b -> b.apiId(apiId).routeKey("$default")
        .routeResponseSelectionExpression("$default").target("integrations/" + integrationId)).routeId();
    node.sdk.createRouteResponse(b -> b.apiId(apiId).routeId(routeId).routeResponseKey("$default"));
    node.sdk.createStage(b -> b.apiId(apiId).stageName("dev").autoDeploy(true));
    return node.wsUrl(apiId, "dev");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"127.0.0.1", "localhost", "0.0.0.0"})
  void refusesAnInternetIntegrationToALoopbackBackend(String host) {
    String uri = "http://" + host + ":" + forbidden.port() + "/secret";
    for (String type : List.of("HTTP", "HTTP_PROXY")) {
      try (WsClient client = WsClient.connect(stage(type, uri))) {
        client.send("{}");
        String frame = client.next();
        assertTrue(frame.startsWith("{\"message\": \"Internal server error\", \"connectionId\":\""), frame);
      }
    }
  }

  @Test
  void refusesTheHandshakeWhenConnectGoesToALoopbackBackend() {
    String apiId = node.sdk.createApi(b -> b.name("egress").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    String integrationId = node.sdk.createIntegration(b -> b.apiId(apiId).integrationType("HTTP_PROXY")
        .integrationMethod("POST").integrationUri("http://localhost:" + forbidden.port() + "/secret")).integrationId();
    node.sdk.createRoute(b -> b.apiId(apiId).routeKey("$connect").target("integrations/" + integrationId));
    node.sdk.createStage(b -> b.apiId(apiId).stageName("dev").autoDeploy(true));
    assertEquals(500, WsClient.refusedStatus(node.wsUrl(apiId, "dev")));
  }

  @Test
  void doesNotFollowARedirectToALoopbackBackend() throws Exception {
    try (WsClient client = WsClient.connect(stage("HTTP_PROXY", redirecting.url("/moved")))) {
      client.send("{}");
      assertEquals("moved to the secret", client.next(), "the 302 is the backend's answer");
      assertEquals("/moved", redirecting.next().path());
    }
  }
}
