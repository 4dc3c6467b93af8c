package router.runtime;

import java.util.Map;
import router.expression.SelectionExpression;
import router.metrics.StageMetrics;

/**
 * One deployed (apiId, stage), compiled once per node: immutable, shared by every connection of the stage. Holds
 * the route selection expression, the routes messages can select ($connect and $disconnect apart) and the stage's
 * counters, bound at compile time, its access log (null: none) and the execution log of its default route
 * settings (for messages no route takes).
 */
public record CompiledStage(
    String apiId,
    String stageName,
    String deploymentId,
    SelectionExpression routeSelection,
    Map<String, CompiledRoute> messageRoutes,
    CompiledRoute defaultRoute,
    CompiledRoute connectRoute,
    CompiledRoute disconnectRoute,
    Map<String, String> stageVariables,
    StageMetrics metrics,
    AccessLogFormat accessLog,
    ExecutionLog executionLog) {

  /** A stage without execution logs. */
  public CompiledStage(String apiId, String stageName, String deploymentId, SelectionExpression routeSelection,
      Map<String, CompiledRoute> messageRoutes, CompiledRoute defaultRoute, CompiledRoute connectRoute,
      CompiledRoute disconnectRoute, Map<String, String> stageVariables, StageMetrics metrics,
      AccessLogFormat accessLog) {
    this(apiId, stageName, deploymentId, routeSelection, messageRoutes, defaultRoute, connectRoute, disconnectRoute,
        stageVariables, metrics, accessLog, ExecutionLog.OFF);
  }

  /** The route for an evaluated route key: an exact match, else the $default route, else null. */
  public CompiledRoute route(String routeKey) {
    CompiledRoute route = messageRoutes.get(routeKey);
    return route != null ? route : defaultRoute;
  }
}
