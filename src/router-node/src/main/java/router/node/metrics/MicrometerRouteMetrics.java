package router.node.metrics;

import java.util.concurrent.TimeUnit;
import router.metrics.RouteMetrics;

/**
 * A route's counters over Micrometer, pre-bound: the stage's, the route's own when it has DetailedMetricsEnabled
 * (else null), and the node's integration calls of the route's backend kind (null without an integration).
 */
record MicrometerRouteMetrics(ApiCounters stage, ApiCounters route, BackendCounters backend, boolean timesLatency)
    implements RouteMetrics {
  private static final int FIRST_ERROR_STATUS = 400;

  @Override
  public void connect() {
    stage.connectCount.increment();
    if (route != null) route.connectCount.increment();
  }

  @Override
  public void clientError() {
    stage.clientError.increment();
    if (route != null) route.clientError.increment();
  }

  @Override
  public void executionError() {
    stage.executionError.increment();
    if (route != null) route.executionError.increment();
  }

  @Override
  public void integrationAnswered(long nanos, int status) {
    boolean error = status >= FIRST_ERROR_STATUS;
    if (backend != null) (error ? backend.errorStatus : backend.success).increment();
    // API Gateway: IntegrationLatency is not reported for MOCK integrations.
    if (timesLatency) stage.integrationLatency.record(nanos, TimeUnit.NANOSECONDS);
    if (error) stage.integrationError.increment();
    if (route == null) return;
    if (timesLatency) route.integrationLatency.record(nanos, TimeUnit.NANOSECONDS);
    if (error) route.integrationError.increment();
  }

  @Override
  public void integrationFailed(long nanos, boolean timedOut) {
    if (backend != null) (timedOut ? backend.timeout : backend.failed).increment();
    executionError();
  }
}
