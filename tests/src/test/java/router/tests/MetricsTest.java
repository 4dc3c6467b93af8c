package router.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import router.integration.BackendKind;
import router.integration.IntegrationBackends;
import router.integration.IntegrationResult;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.apigatewayv2.model.RouteSettings;

/**
 * {@code GET /metrics} scraped with a real HTTP client after real traffic over real sockets: API Gateway's
 * per-stage metrics and the node's own move by exactly what was sent, and the output is valid Prometheus text.
 * The HTTP backend stands in for a remote system and answers with the status its request body names; the Lambda
 * backend never answers.
 */
class MetricsTest {
  private static final int LIMIT = 128 * 1024;
  /** Only bounds how long a broken test waits; no assertion depends on it. */
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Pattern CONNECTION_ID = Pattern.compile("\"connectionId\":\"([^\"]+)\"");
  private static final HttpClient http = HttpClient.newHttpClient();

  @TempDir static Path dataDir;
  static TestNode node;

  @BeforeAll
  static void start() {
    IntegrationBackends backends = IntegrationBackends.none()
        .with(BackendKind.HTTP, request -> CompletableFuture.completedFuture(
            new IntegrationResult(request.body().contains("fail") ? 502 : 200, Map.of(), "{}")))
        .with(BackendKind.LAMBDA, request -> new CompletableFuture<>());
    node = TestNode.start(dataDir, Map.of(), backends);
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  @Test
  void countsExactlyTheTrafficSent() throws Exception {
    String apiId = api(node.sdk, null);
    PrometheusText before = scrape();
    String connectionId;
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"));
        WsClient offender = WsClient.connect(node.wsUrl(apiId, "dev"))) {
      for (int i = 0; i < 3; i++) {
        client.send("{\"action\":\"echo\"}");
        assertEquals("echo", client.next());
      }
      client.send("{\"action\":\"nowhere\"}");
      String forbidden = client.next();
      assertTrue(forbidden.startsWith("{\"message\": \"Forbidden\""));
      Matcher id = CONNECTION_ID.matcher(forbidden);
      assertTrue(id.find());
      connectionId = id.group(1);
      client.send("{\"action\":\"http\",\"ok\":true}");
      assertEquals("http", client.next());
      client.send("{\"action\":\"http\",\"fail\":true}");
      assertEquals("http", client.next());
      assertEquals(200, get(managementUrl(apiId, connectionId)).statusCode());
      assertEquals(410, get(managementUrl(apiId, "AAAAAAAAAAAAAAA=")).statusCode());
      offender.send("{\"action\":\"echo\",\"pad\":\"" + "x".repeat(LIMIT) + "\"}");
      assertEquals(1009, offender.awaitClose().code());
    }
    PrometheusText after = awaitScrape(m -> delta(m, before, "router_connections_closed_total", Map.of("code", "1000"))
        >= 1 && delta(m, before, "router_connections_closed_total", Map.of("code", "1009")) >= 1);

    Map<String, String> stage = Map.of("api_id", apiId, "stage", "dev");
    assertEquals(2, after.value("apigateway_connect_count_total", stage));
    // 6 messages in, 6 out (3 echoes, the Forbidden frame, 2 HTTP answers); the oversized one never arrived.
    assertEquals(12, after.value("apigateway_message_count_total", stage));
    assertEquals(1, after.value("apigateway_client_error_total", stage));
    assertEquals(1, after.value("apigateway_integration_error_total", stage));
    assertEquals(0, after.value("apigateway_execution_error_total", stage));
    // Only the HTTP calls are timed: API Gateway reports no IntegrationLatency for MOCK integrations.
    assertEquals(2, after.value("apigateway_integration_latency_seconds_count", stage));

    assertEquals(2, delta(after, before, "router_connections_accepted_total", Map.of()));
    assertEquals(1, delta(after, before, "router_connections_closed_total", Map.of("code", "1000")));
    assertEquals(1, delta(after, before, "router_connections_closed_total", Map.of("code", "1009")));
    assertEquals(6, delta(after, before, "router_messages_received_total", Map.of()));
    assertEquals(6, delta(after, before, "router_messages_sent_total", Map.of()));
    assertEquals(1, delta(after, before, "router_error_frames_total", Map.of("kind", "forbidden")));
    assertEquals(0, delta(after, before, "router_error_frames_total", Map.of("kind", "internal_server_error")));
    assertEquals(5, delta(after, before, "router_integration_calls_total",
        Map.of("backend", "MOCK", "outcome", "success")));
    assertEquals(1, delta(after, before, "router_integration_calls_total",
        Map.of("backend", "HTTP", "outcome", "success")));
    assertEquals(1, delta(after, before, "router_integration_calls_total",
        Map.of("backend", "HTTP", "outcome", "error_status")));
    assertEquals(1, delta(after, before, "router_connections_api_requests_total",
        Map.of("method", "GET", "status", "200")));
    assertEquals(1, delta(after, before, "router_connections_api_requests_total",
        Map.of("method", "GET", "status", "410")));
    // Detailed metrics are off: no per-route series for this API.
    assertFalse(after.has("apigateway_route_connect_count_total", Map.of("api_id", apiId)));
  }

  @Test
  void countsARouteApartOnlyWithDetailedMetricsEnabled() throws Exception {
    String apiId = api(node.sdk, "echo");
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"))) {
      client.send("{\"action\":\"http\",\"fail\":true}");
      assertEquals("http", client.next());
      client.send("{\"action\":\"echo\"}");
      assertEquals("echo", client.next());
    }
    PrometheusText metrics = scrape();
    Map<String, String> stage = Map.of("api_id", apiId, "stage", "dev");
    assertEquals(1, metrics.value("apigateway_integration_error_total", stage));
    assertEquals(0, metrics.value("apigateway_route_integration_error_total",
        Map.of("api_id", apiId, "stage", "dev", "route", "echo")));
    assertTrue(metrics.has("apigateway_route_client_error_total", Map.of("api_id", apiId, "route", "echo")));
    assertFalse(metrics.has("apigateway_route_client_error_total", Map.of("api_id", apiId, "route", "http")));
    assertFalse(metrics.has("apigateway_route_connect_count_total", Map.of("api_id", apiId, "route", "$connect")));
  }

  @Test
  void countsATimedOutIntegrationAsAnExecutionError() throws Exception {
    String apiId = api(node.sdk, null);
    String integrationId = node.sdk.createIntegration(b -> b.apiId(apiId).integrationType(IntegrationType.AWS_PROXY)
        .integrationMethod("POST").timeoutInMillis(50).integrationUri("arn:aws:apigateway:us-east-1:lambda:path/"
            + "2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:never/invocations")).integrationId();
    node.sdk.createRoute(b -> b.apiId(apiId).routeKey("slow").target("integrations/" + integrationId));
    PrometheusText before = scrape();
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"))) {
      client.send("{\"action\":\"slow\"}");
      assertTrue(client.next().startsWith("{\"message\": \"Endpoint request timed out\""));
    }
    PrometheusText after = scrape();
    assertEquals(1, after.value("apigateway_execution_error_total", Map.of("api_id", apiId, "stage", "dev")));
    assertEquals(0, after.value("apigateway_integration_error_total", Map.of("api_id", apiId, "stage", "dev")));
    assertEquals(1, delta(after, before, "router_error_frames_total", Map.of("kind", "endpoint_request_timed_out")));
    assertEquals(1, delta(after, before, "router_integration_calls_total",
        Map.of("backend", "LAMBDA", "outcome", "timeout")));
  }

  @Test
  void servesValidPrometheusTextWithJvmMetrics() throws Exception {
    HttpResponse<String> response = get(node.controlUrl() + "/metrics");
    assertEquals(200, response.statusCode());
    assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/plain; version=0.0.4"));
    PrometheusText metrics = PrometheusText.parse(response.body());
    assertEquals("histogram", metrics.types.get("apigateway_integration_latency_seconds"));
    assertTrue(metrics.has("jvm_memory_used_bytes", Map.of()));
    assertTrue(metrics.has("router_connections_open", Map.of()));
    // Pekko's dispatchers, read from their live pools.
    Map<String, String> defaultDispatcher = Map.of("dispatcher", "pekko.actor.default-dispatcher");
    assertTrue(metrics.value("pekko_dispatcher_parallelism", defaultDispatcher) >= 1);
    assertTrue(metrics.value("pekko_dispatcher_threads", defaultDispatcher) >= 1);
    assertTrue(metrics.has("pekko_dispatcher_queued_tasks", defaultDispatcher));
    assertTrue(metrics.has("pekko_dispatcher_threads_active", Map.of("dispatcher", "pekko.actor.internal-dispatcher")));
    assertTrue(metrics.has("pekko_dispatcher_tasks_total", Map.of("dispatcher", "router.egress.resolver-dispatcher")));
  }

  @Test
  void reportsTheClusterStageCompilesAndTemplateRenders() throws Exception {
    PrometheusText before = scrape();
    String apiId = api(node.sdk, null);
    // Deployed when the stage is created (autoDeploy): compiled on this node once it is served.
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"))) {
      client.send("{\"action\":\"echo\"}");
      assertEquals("echo", client.next());
    }
    PrometheusText after = scrape();
    assertTrue(delta(after, before, "router_stage_compile_seconds_count", Map.of()) >= 1);
    // Published by this node's entity and installed here: counted, with a lag well under the last bucket.
    assertTrue(delta(after, before, "router_stage_install_lag_seconds_count", Map.of()) >= 1);
    assertEquals(after.value("router_stage_install_lag_seconds_count", Map.of()),
        after.value("router_stage_install_lag_seconds_bucket", Map.of("le", "30.0")));
    // The echo's request and response templates at least ($connect's request template too).
    assertTrue(delta(after, before, "router_template_render_seconds_count", Map.of()) >= 2);
    assertEquals(1, after.value("router_cluster_members", Map.of("status", "Up")));
    assertEquals(0, after.value("router_cluster_members", Map.of("status", "Joining")));
  }

  @Test
  void saysItIsReadyInJson() throws Exception {
    HttpResponse<String> response = get(node.controlUrl() + "/health/ready");
    assertEquals(200, response.statusCode());
    assertEquals("{\"status\":\"ready\"}", response.body());
  }

  /**
   * An API with a two-way MOCK {@code echo} route, a two-way HTTP {@code http} route, a MOCK {@code $connect}, and
   * stage {@code dev} (auto-deployed) whose route settings enable detailed metrics for {@code detailedRoute}.
   */
  private static String api(ApiGatewayV2Client sdk, String detailedRoute) {
    String apiId = sdk.createApi(b -> b.name("metrics").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    twoWayRoute(sdk, apiId, "echo", IntegrationType.MOCK);
    twoWayRoute(sdk, apiId, "http", IntegrationType.HTTP);
    String connect = sdk.createIntegration(b -> b.apiId(apiId).integrationType(IntegrationType.MOCK)
        .requestTemplates(Map.of("application/json", "{\"statusCode\":200}"))).integrationId();
    sdk.createRoute(b -> b.apiId(apiId).routeKey("$connect").target("integrations/" + connect));
    sdk.createStage(b -> {
      b.apiId(apiId).stageName("dev").autoDeploy(true);
      if (detailedRoute != null) {
        b.routeSettings(Map.of(detailedRoute, RouteSettings.builder().detailedMetricsEnabled(true).build()));
      }
    });
    return apiId;
  }

  private static void twoWayRoute(ApiGatewayV2Client sdk, String apiId, String key, IntegrationType type) {
    String integrationId = sdk.createIntegration(b -> {
      b.apiId(apiId).integrationType(type).requestTemplates(Map.of("application/json", "{\"statusCode\":200}"));
      if (type == IntegrationType.HTTP) {
        b.integrationUri("http://backend.invalid/x").integrationMethod("POST")
            .requestTemplates(Map.of("application/json", "$input.body"));
      }
    }).integrationId();
    sdk.createIntegrationResponse(b -> b.apiId(apiId).integrationId(integrationId).integrationResponseKey("$default")
        .responseTemplates(Map.of("$default", "$context.routeKey")));
    String routeId = sdk.createRoute(b -> b.apiId(apiId).routeKey(key).routeResponseSelectionExpression("$default")
        .target("integrations/" + integrationId)).routeId();
    sdk.createRouteResponse(b -> b.apiId(apiId).routeId(routeId).routeResponseKey("$default"));
  }

  private static String managementUrl(String apiId, String connectionId) {
    return "http://127.0.0.1:" + node.node.executeApiAddress().getPort() + "/" + apiId + "/dev/@connections/"
        + connectionId;
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(WAIT).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static PrometheusText scrape() throws Exception {
    HttpResponse<String> response = get(node.controlUrl() + "/metrics");
    assertEquals(200, response.statusCode());
    return PrometheusText.parse(response.body());
  }

  /** Scrapes until {@code until} holds: a close is counted when the socket is done, after the client saw it. */
  private static PrometheusText awaitScrape(Predicate<PrometheusText> until) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    PrometheusText metrics = scrape();
    while (!until.test(metrics) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      metrics = scrape();
    }
    return metrics;
  }

  private static double delta(PrometheusText after, PrometheusText before, String name, Map<String, String> labels) {
    return after.value(name, labels) - before.value(name, labels);
  }
}
