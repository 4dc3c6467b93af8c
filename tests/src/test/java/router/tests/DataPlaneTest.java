package router.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import router.integration.IntegrationBackends;
import router.integration.IntegrationResult;
import router.integration.BackendKind;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/**
 * The data plane over real sockets: deployments decide what is served, a slow integration back-pressures only
 * its own connection, and a passed deadline gives API Gateway's timeout frame. Two backends stand in for remote
 * systems: one whose calls wait until the test releases them (type HTTP), one that never answers (type AWS).
 */
class DataPlaneTest {
  private static final int MAX_IN_FLIGHT = 2;

  @TempDir static Path dataDir;
  static TestNode node;
  static final ConcurrentLinkedQueue<CompletableFuture<IntegrationResult>> held = new ConcurrentLinkedQueue<>();
  static final AtomicInteger inFlight = new AtomicInteger();
  static final AtomicInteger maxInFlight = new AtomicInteger();
  static final java.util.concurrent.BlockingQueue<String> disconnects =
      new java.util.concurrent.LinkedBlockingQueue<>();

  @BeforeAll
  static void start() {
    IntegrationBackends backends = IntegrationBackends.none()
        .with(BackendKind.HTTP, request -> {
          if (request.uri().endsWith("/disconnect")) {
            disconnects.add(request.body());
            return CompletableFuture.completedFuture(new IntegrationResult(200, Map.of(), ""));
          }
          maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          CompletableFuture<IntegrationResult> answer = new CompletableFuture<>();
          held.add(answer);
          return answer.whenComplete((r, e) -> inFlight.decrementAndGet());
        })
        .with(BackendKind.LAMBDA, request -> new CompletableFuture<>());
    node = TestNode.start(dataDir, Map.of("router.connection.max-in-flight", MAX_IN_FLIGHT), backends);
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  private static String newApi() {
    return node.sdk.createApi(b -> b.name("dp").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
  }

  /** A two-way route answering with its route key, on an integration of the given type. */
  private static void route(ApiGatewayV2Client sdk, String apiId, String key, String type, int timeoutMillis) {
    String integrationId = sdk.createIntegration(b -> {
      b.apiId(apiId).integrationType(type).timeoutInMillis(timeoutMillis);
      if (type.equals("HTTP")) b.integrationUri("http://backend.invalid/x").integrationMethod("POST");
      if (type.equals("AWS")) {
        b.integrationUri("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
            + "arn:aws:lambda:us-east-1:123456789012:function:never/invocations").integrationMethod("POST");
      }
    }).integrationId();
    sdk.createIntegrationResponse(b -> b.apiId(apiId).integrationId(integrationId).integrationResponseKey("$default")
        .responseTemplates(Map.of("$default", "$context.routeKey")));
    String routeId = sdk.createRoute(b -> b.apiId(apiId).routeKey(key).routeResponseSelectionExpression("$default")
        .target("integrations/" + integrationId)).routeId();
    sdk.createRouteResponse(b -> b.apiId(apiId).routeId(routeId).routeResponseKey("$default"));
  }

  @Test
  void servesOnlyWhatIsDeployed() {
    String apiId = newApi();
    route(node.sdk, apiId, "first", "MOCK", 29000);
    String deployment = node.sdk.createDeployment(b -> b.apiId(apiId)).deploymentId();
    node.sdk.createStage(b -> b.apiId(apiId).stageName("dev").deploymentId(deployment));
    route(node.sdk, apiId, "second", "MOCK", 29000);
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"))) {
      client.send("{\"action\":\"first\"}");
      assertEquals("first", client.next());
      client.send("{\"action\":\"second\"}");
      assertTrue(client.next().startsWith("{\"message\": \"Forbidden\""), "not deployed yet");
      // deploying to the stage takes effect on the open connection
      node.sdk.createDeployment(b -> b.apiId(apiId).stageName("dev"));
      client.send("{\"action\":\"second\"}");
      assertEquals("second", client.next());
    }
  }

  @Test
  void autoDeployServesEachChangeAtOnce() {
    String apiId = newApi();
    route(node.sdk, apiId, "first", "MOCK", 29000);
    node.sdk.createStage(b -> b.apiId(apiId).stageName("live").autoDeploy(true));
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "live"))) {
      client.send("{\"action\":\"first\"}");
      assertEquals("first", client.next());
      route(node.sdk, apiId, "later", "MOCK", 29000);
      client.send("{\"action\":\"later\"}");
      assertEquals("later", client.next());
    }
    assertTrue(node.sdk.getDeployments(b -> b.apiId(apiId)).items().stream().allMatch(d -> d.autoDeployed()));
  }

  @Test
  void refusesNewConnectionsToADeletedStage() {
    String apiId = newApi();
    route(node.sdk, apiId, "first", "MOCK", 29000);
    node.sdk.createStage(b -> b.apiId(apiId).stageName("gone").autoDeploy(true));
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "gone"))) {
      client.send("{\"action\":\"first\"}");
      assertEquals("first", client.next());
    }
    node.sdk.deleteStage(b -> b.apiId(apiId).stageName("gone"));
    assertEquals(403, WsClient.refusedStatus(node.wsUrl(apiId, "gone")));
  }

  @Test
  void slowIntegrationBackPressuresOnlyItsOwnConnection() {
    String apiId = newApi();
    route(node.sdk, apiId, "slow", "HTTP", 29000);
    route(node.sdk, apiId, "fast", "MOCK", 29000);
    node.sdk.createStage(b -> b.apiId(apiId).stageName("bp").autoDeploy(true));
    int sent = MAX_IN_FLIGHT + 4;
    try (WsClient slow = WsClient.connect(node.wsUrl(apiId, "bp"));
        WsClient fast = WsClient.connect(node.wsUrl(apiId, "bp"))) {
      for (int i = 0; i < sent; i++) slow.send("{\"action\":\"slow\",\"n\":" + i + "}");
      for (int i = 0; i < 20; i++) {
        fast.send("{\"action\":\"fast\"}");
        assertEquals("fast", fast.next());
      }
      assertTrue(maxInFlight.get() <= MAX_IN_FLIGHT,
          "at most " + MAX_IN_FLIGHT + " messages of a connection in flight, saw " + maxInFlight.get());
      int answered = 0;
      while (answered < sent) {
        CompletableFuture<IntegrationResult> next = held.poll();
        if (next == null) {
          Thread.onSpinWait();
          continue;
        }
        next.complete(new IntegrationResult(200, Map.of(), ""));
        assertEquals("slow", slow.next());
        answered++;
      }
    }
  }

  @Test
  void runsConnectBeforeTheUpgradeAndRefusesOnItsStatus() {
    String apiId = newApi();
    route(node.sdk, apiId, "fast", "MOCK", 29000);
    String guard = node.sdk.createIntegration(b -> b.apiId(apiId).integrationType("MOCK").requestTemplates(Map.of(
        "application/json", "#if($input.params('token') == 'letmein'){\"statusCode\": 200}"
            + "#else{\"statusCode\": 401}#end"))).integrationId();
    node.sdk.createRoute(b -> b.apiId(apiId).routeKey("$connect").target("integrations/" + guard));
    node.sdk.createStage(b -> b.apiId(apiId).stageName("guarded").autoDeploy(true));
    assertEquals(401, WsClient.refusedStatus(node.wsUrl(apiId, "guarded") + "?token=wrong"));
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "guarded") + "?token=letmein")) {
      client.send("{\"action\":\"fast\"}");
      assertEquals("fast", client.next());
    }
  }

  @Test
  void runsDisconnectWhenTheClientLeaves() throws Exception {
    String apiId = newApi();
    route(node.sdk, apiId, "fast", "MOCK", 29000);
    String recorder = node.sdk.createIntegration(b -> b.apiId(apiId).integrationType("HTTP")
        .integrationUri("http://backend.invalid/disconnect").integrationMethod("POST")
        .requestTemplates(Map.of("application/json", "$context.eventType $context.connectionId"))).integrationId();
    node.sdk.createRoute(b -> b.apiId(apiId).routeKey("$disconnect").target("integrations/" + recorder));
    node.sdk.createStage(b -> b.apiId(apiId).stageName("bye").autoDeploy(true));
    held.clear();
    disconnects.clear();
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "bye"))) {
      client.send("{\"action\":\"fast\"}");
      assertEquals("fast", client.next());
    }
    String body = disconnects.poll(10, java.util.concurrent.TimeUnit.SECONDS);
    assertTrue(body != null && body.matches("DISCONNECT [A-Za-z0-9_-]{15}="), String.valueOf(body));
  }

  @Test
  void answersEndpointRequestTimedOutWhenTheIntegrationTimeoutPasses() {
    String apiId = newApi();
    route(node.sdk, apiId, "never", "AWS", 50);
    route(node.sdk, apiId, "fast", "MOCK", 29000);
    node.sdk.createStage(b -> b.apiId(apiId).stageName("to").autoDeploy(true));
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "to"))) {
      client.send("{\"action\":\"never\"}");
      String frame = client.next();
      assertTrue(frame.matches("\\{\"message\": \"Endpoint request timed out\", \"connectionId\":\"[A-Za-z0-9_-]{15}=\","
          + " \"requestId\":\"[A-Za-z0-9_-]{15}=\"}"), frame);
      client.send("{\"action\":\"fast\"}");
      assertEquals("fast", client.next());
    }
  }
}
