package router.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/**
 * HTTP and HTTP_PROXY integrations end to end: a Router node (private networks allowed, as a single node runs) calls
 * a real pekko-http backend on 127.0.0.1 over the network, for messages and for {@code $connect}.
 */
class HttpIntegrationTest {
  @TempDir static Path dataDir;
  static TestNode node;
  static HttpBackendServer backend;

  @BeforeAll
  static void start() {
    backend = new HttpBackendServer()
        .on("/orders", r -> CompletableFuture.completedFuture(r.body().contains("\"item\":\"none\"")
            ? HttpBackendServer.json(404, "{\"reason\":\"no such item\"}")
            : HttpBackendServer.json(201, "{\"id\":\"o-1\"}")))
        .on("/echo", r -> CompletableFuture.completedFuture(
            HttpBackendServer.json(200, "echo[" + r.body() + "] " + r.method())))
        .answer("/connect", 200, "")
        .answer("/deny", 401, "{\"message\":\"no\"}")
        .on("/blue/items", r -> CompletableFuture.completedFuture(HttpBackendServer.json(200, "\"blue items\"")));
    node = TestNode.start(dataDir);
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
    backend.close();
  }

  private static String newApi() {
    return node.sdk.createApi(b -> b.name("http").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
  }

  /** A two-way route {@code key} on {@code integrationId}. */
  private static void twoWayRoute(String apiId, String key, String integrationId) {
    String routeId = node.sdk.createRoute(b -> b.apiId(apiId).routeKey(key).routeResponseSelectionExpression("$default")
        .target("integrations/" + integrationId)).routeId();
    node.sdk.createRouteResponse(b -> b.apiId(apiId).routeId(routeId).routeResponseKey("$default"));
  }

  @Test
  void httpSendsTheRenderedTemplateAndSelectsTheIntegrationResponseByStatus() throws Exception {
    String apiId = newApi();
    String integrationId = node.sdk.createIntegration(b -> b.apiId(apiId).integrationType("HTTP")
        .integrationMethod("POST").integrationUri(backend.url("/orders"))
        .requestTemplates(Map.of("application/json",
            "{\"item\":$input.json('$.item'),\"connectionId\":\"$context.connectionId\"}"))).integrationId();
    node.sdk.createIntegrationResponse(b -> b.apiId(apiId).integrationId(integrationId)
        .integrationResponseKey("/2\\d\\d/").responseTemplates(Map.of("$default", "created $input.path('$.id')")));
    node.sdk.createIntegrationResponse(b -> b.apiId(apiId).integrationId(integrationId)
        .integrationResponseKey("/4\\d\\d/").responseTemplates(Map.of("$default", "missing: $input.path('$.reason')")));
    twoWayRoute(apiId, "order", integrationId);
    node.sdk.createStage(b -> b.apiId(apiId).stageName("dev").autoDeploy(true));
    backend.drain();

    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"))) {
      client.send("{\"action\":\"order\",\"item\":\"book\"}");
      assertEquals("created o-1", client.next());
      HttpBackendServer.Received request = backend.next();
      assertEquals("POST", request.method());
      assertEquals("/orders", request.path());
      assertTrue(request.header("content-type").startsWith("application/json"), request.headers().toString());
      assertEquals("127.0.0.1:" + backend.port(), request.header("host"));
      assertTrue(request.body().startsWith("{\"item\":\"book\",\"connectionId\":\""), request.body());

      client.send("{\"action\":\"order\",\"item\":\"none\"}");
      assertEquals("missing: no such item", client.next());
    }
  }

  @Test
  void httpProxyPassesTheMessageAndTheAnswerThroughUntouched() throws Exception {
    String apiId = newApi();
    String integrationId = node.sdk.createIntegration(b -> b.apiId(apiId).integrationType("HTTP_PROXY")
        .integrationMethod("ANY").integrationUri(backend.url("/echo"))).integrationId();
    twoWayRoute(apiId, "$default", integrationId);
    node.sdk.createStage(b -> b.apiId(apiId).stageName("dev").autoDeploy(true));
    backend.drain();

    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"))) {
      client.send("not json, {sent as is}");
      assertEquals("echo[not json, {sent as is}] POST", client.next());
      HttpBackendServer.Received request = backend.next();
      assertEquals("not json, {sent as is}", request.body());
      assertEquals("POST", request.method(), "ANY is sent as POST");

      // calls one after the other share a kept-alive connection
      int connections = backend.connections.get();
      for (int i = 0; i < 5; i++) {
        client.send("m" + i);
        assertEquals("echo[m" + i + "] POST", client.next());
      }
      assertTrue(backend.connections.get() - connections <= 1, "new connections for 5 calls: "
          + (backend.connections.get() - connections));
    }
  }

  @Test
  void connectThroughAnAcceptingHttpProxyIntegrationForwardsTheHandshakesHeadersAndQueryString() throws Exception {
    String apiId = newApi();
    String integrationId = node.sdk.createIntegration(b -> b.apiId(apiId).integrationType("HTTP_PROXY")
        .integrationMethod("POST").integrationUri(backend.url("/connect"))).integrationId();
    node.sdk.createRoute(b -> b.apiId(apiId).routeKey("$connect").target("integrations/" + integrationId));
    node.sdk.createStage(b -> b.apiId(apiId).stageName("dev").autoDeploy(true));
    backend.drain();

    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "dev") + "?token=abc&room=7",
        Map.of("X-Client", "t1"))) {
      assertTrue(client.isOpen());
      HttpBackendServer.Received request = backend.next();
      assertEquals("/connect", request.path());
      assertEquals("t1", request.header("x-client"));
      assertTrue(request.query().contains("token=abc") && request.query().contains("room=7"), request.query());
      assertEquals(null, request.header("upgrade"), "hop-by-hop headers are not forwarded");
      assertEquals(null, request.header("sec-websocket-key"));
      assertEquals("", request.body());
    }
  }

  @Test
  void connectRefusedByAnHttpIntegrationGivesTheClientTheBackendsStatus() throws Exception {
    String apiId = newApi();
    String integrationId = node.sdk.createIntegration(b -> b.apiId(apiId).integrationType("HTTP")
        .integrationMethod("GET").integrationUri(backend.url("/deny"))).integrationId();
    node.sdk.createRoute(b -> b.apiId(apiId).routeKey("$connect").target("integrations/" + integrationId));
    node.sdk.createStage(b -> b.apiId(apiId).stageName("dev").autoDeploy(true));
    backend.drain();

    assertEquals(401, WsClient.refusedStatus(node.wsUrl(apiId, "dev")));
    HttpBackendServer.Received request = backend.next();
    assertEquals("GET", request.method());
    assertEquals("/deny", request.path());
  }

  @Test
  void stageVariablesInTheIntegrationUriChooseTheBackendPath() throws Exception {
    String apiId = newApi();
    String integrationId = node.sdk.createIntegration(b -> b.apiId(apiId).integrationType("HTTP_PROXY")
        .integrationMethod("POST").integrationUri(backend.url("/${stageVariables.color}/items"))).integrationId();
    twoWayRoute(apiId, "$default", integrationId);
    node.sdk.createStage(b -> b.apiId(apiId).stageName("blue").autoDeploy(true)
        .stageVariables(Map.of("color", "blue")));
    backend.drain();

    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "blue"))) {
      client.send("{}");
      assertEquals("\"blue items\"", client.next());
      assertEquals("/blue/items", backend.next().path());
    }
  }
}
