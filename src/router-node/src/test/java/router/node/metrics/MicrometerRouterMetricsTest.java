package router.node.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import router.metrics.RouteMetrics;
import router.protocol.GatewayMessages;

/** What each report moves: API Gateway's metrics per stage and detailed route, and the node's counters. */
class MicrometerRouterMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MicrometerRouterMetrics metrics =
      new MicrometerRouterMetrics(registry, new Duration[] {Duration.ofMillis(10), Duration.ofSeconds(1)});

  private double counter(String name, String... tags) {
    return registry.get(name).tags(tags).counter().count();
  }

  @Test
  void aTimeoutIsAnExecutionErrorOfTheStageAndATimeoutOfTheBackend() {
    metrics.route("a1", "dev", "slow", false, "LAMBDA").integrationFailed(50_000_000L, true);
    assertEquals(1, counter("apigateway.execution.error", "api_id", "a1", "stage", "dev"));
    assertEquals(1, counter("router.integration.calls", "backend", "LAMBDA", "outcome", "timeout"));
    assertEquals(0, counter("router.integration.calls", "backend", "LAMBDA", "outcome", "failed"));
  }

  @Test
  void anErrorStatusIsAnIntegrationErrorAndIsTimed() {
    metrics.route("a2", "dev", "x", false, "HTTP").integrationAnswered(2_000_000L, 503);
    assertEquals(1, counter("apigateway.integration.error", "api_id", "a2", "stage", "dev"));
    assertEquals(1, registry.get("apigateway.integration.latency").tags("api_id", "a2").timer().count());
    assertEquals(1, counter("router.integration.calls", "backend", "HTTP", "outcome", "error_status"));
  }

  @Test
  void mockIntegrationsAreNotTimed() {
    metrics.route("a3", "dev", "x", false, "MOCK").integrationAnswered(1_000L, 200);
    assertEquals(0, registry.get("apigateway.integration.latency").tags("api_id", "a3").timer().count());
    assertEquals(1, counter("router.integration.calls", "backend", "MOCK", "outcome", "success"));
  }

  @Test
  void aDetailedRouteCountsForItselfAndForItsStage() {
    RouteMetrics detailed = metrics.route("a4", "dev", "echo", true, "MOCK");
    RouteMetrics plain = metrics.route("a4", "dev", "other", false, "MOCK");
    detailed.clientError();
    plain.clientError();
    assertEquals(2, counter("apigateway.client.error", "api_id", "a4", "stage", "dev"));
    assertEquals(1, counter("apigateway.route.client.error", "api_id", "a4", "route", "echo"));
    assertNull(registry.find("apigateway.route.client.error").tags("route", "other").counter());
  }

  @Test
  void aRedeployedStageKeepsCounting() {
    metrics.stage("a5", "dev").messageReceived();
    metrics.stage("a5", "dev").messageSent();
    assertEquals(2, counter("apigateway.message.count", "api_id", "a5", "stage", "dev"));
    assertEquals(1, counter("router.messages.received"));
    assertEquals(1, counter("router.messages.sent"));
  }

  @Test
  void countsErrorFramesByKindAndClosesByCode() {
    metrics.errorFrame(GatewayMessages.ENDPOINT_REQUEST_TIMED_OUT);
    metrics.errorFrame(GatewayMessages.INTERNAL_SERVER_ERROR);
    metrics.connectionClosed(1009);
    metrics.connectionClosed(1009);
    assertEquals(1, counter("router.error.frames", "kind", "endpoint_request_timed_out"));
    assertEquals(1, counter("router.error.frames", "kind", "internal_server_error"));
    assertEquals(0, counter("router.error.frames", "kind", "forbidden"));
    assertEquals(2, counter("router.connections.closed", "code", "1009"));
  }

  @Test
  void aBulkheadIsRegisteredOnceAcrossDeploymentsAndReadLive() {
    int[] running = {3};
    metrics.bulkhead("a9", "i1", () -> running[0], () -> 0);
    // The next deployment compiles the same integration again.
    metrics.bulkhead("a9", "i1", () -> -1, () -> -1);
    assertEquals(1, registry.find("router.integration.bulkhead.running").gauges().size());
    running[0] = 5;
    assertEquals(5, registry.get("router.integration.bulkhead.running").tags("integration_id", "i1").gauge().value());
  }

  @Test
  void stageInstallLagIsAHistogram() {
    metrics.stageInstalled(120);
    io.micrometer.core.instrument.Timer lag = registry.get("router.stage.install.lag").timer();
    assertEquals(1, lag.count());
    assertEquals(120, lag.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS), 0.001);
  }
}
