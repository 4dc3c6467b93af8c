package router.runtime;

import java.util.Map;
import router.expression.SelectionExpression;

/**
 * One deployed (apiId, stage), compiled once per node: immutable, shared by every connection of the stage. Holds
 * the route selection expression and the routes messages can select ($connect and $disconnect apart).
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
    Map<String, String> stageVariables) {

  /** The route for an evaluated route key: an exact match, else the $default route, else null. */
  public CompiledRoute route(String routeKey) {
    CompiledRoute route = messageRoutes.get(routeKey);
    return route != null ? route : defaultRoute;
  }
}
