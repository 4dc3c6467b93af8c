package router.config;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * The rules of the apigatewayv2 control plane for WebSocket APIs, one class per resource, as pure functions: each
 * validates a command against the current {@link ApiState} and either throws an API Gateway-shaped error or
 * returns the events to persist. Changes to the API, routes, integrations and their responses also redeploy every
 * stage with {@code autoDeploy} ({@link AutoDeploy}); checks shared by all resources are in {@link Validation}.
 */
public final class ApiCommands {
  private final ApiRules apis;
  private final RouteRules routes;
  private final IntegrationRules integrations;
  private final ResponseRules responses;
  private final StageRules stages;
  private final DeploymentRules deployments;

  public ApiCommands(ConfigChecks checks, IdSource ids, Supplier<Instant> clock) {
    AutoDeploy autoDeploy = new AutoDeploy(ids, clock);
    this.apis = new ApiRules(checks, clock, autoDeploy);
    this.routes = new RouteRules(checks, ids, autoDeploy);
    this.integrations = new IntegrationRules(checks, ids, autoDeploy);
    this.responses = new ResponseRules(checks, ids, autoDeploy);
    this.stages = new StageRules(clock, autoDeploy);
    this.deployments = new DeploymentRules(ids, clock);
  }

  public ApiRules apis() {
    return apis;
  }

  public RouteRules routes() {
    return routes;
  }

  public IntegrationRules integrations() {
    return integrations;
  }

  /** Route responses and integration responses. */
  public ResponseRules responses() {
    return responses;
  }

  public StageRules stages() {
    return stages;
  }

  public DeploymentRules deployments() {
    return deployments;
  }
}
