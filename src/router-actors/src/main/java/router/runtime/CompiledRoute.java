package router.runtime;

import router.metrics.RouteMetrics;

/**
 * A route as the data plane uses it: its key, its compiled integration (null when the route has no target) and
 * whether it is two-way (routeResponseSelectionExpression {@code $default} and a {@code $default} route response),
 * and its counters and execution log settings, bound at compile time.
 */
public record CompiledRoute(
    String routeId, String routeKey, CompiledIntegration integration, boolean twoWay, RouteMetrics metrics,
    ExecutionLog executionLog) {

  /** A route without execution logs. */
  public CompiledRoute(
      String routeId, String routeKey, CompiledIntegration integration, boolean twoWay, RouteMetrics metrics) {
    this(routeId, routeKey, integration, twoWay, metrics, ExecutionLog.OFF);
  }
}
