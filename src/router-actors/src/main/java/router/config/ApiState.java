package router.config;

import java.util.Map;
import router.CborSerializable;
import router.model.Deployment;
import router.model.Stage;

/**
 * The whole state of one API entity: its current configuration, its stages, and its deployments with the
 * configuration each froze. {@code config} is null before the API is created; {@code deleted} is final.
 */
public record ApiState(
    ApiConfig config,
    Map<String, Stage> stages,
    Map<String, DeployedSnapshot> deployments,
    boolean deleted,
    long revision)
    implements CborSerializable {

  public static final ApiState EMPTY = new ApiState(null, Map.of(), Map.of(), false, 0);

  public boolean exists() {
    return config != null && !deleted;
  }

  /** Applies one event; pure, as the event handler of the entity requires. Each event bumps the revision. */
  public ApiState apply(ApiEvent event) {
    ApiState next = applyChange(event);
    return new ApiState(next.config, next.stages, next.deployments, next.deleted, revision + 1);
  }

  private ApiState applyChange(ApiEvent event) {
    if (event instanceof ApiEvent.ApiCreated e) {
      return new ApiState(ApiConfig.of(e.api()), stages, deployments, false, revision);
    }
    if (event instanceof ApiEvent.ApiUpdated e) return withConfig(config.withApi(e.api()));
    if (event instanceof ApiEvent.ApiDeleted e) return new ApiState(config, Map.of(), Map.of(), true, revision);
    if (event instanceof ApiEvent.RouteCreated e) return withConfig(config.withRoute(e.route()));
    if (event instanceof ApiEvent.RouteUpdated e) return withConfig(config.withRoute(e.route()));
    if (event instanceof ApiEvent.RouteDeleted e) return withConfig(config.withoutRoute(e.routeId()));
    if (event instanceof ApiEvent.IntegrationCreated e) return withConfig(config.withIntegration(e.integration()));
    if (event instanceof ApiEvent.IntegrationUpdated e) return withConfig(config.withIntegration(e.integration()));
    if (event instanceof ApiEvent.IntegrationDeleted e) {
      return withConfig(config.withoutIntegration(e.integrationId()));
    }
    if (event instanceof ApiEvent.IntegrationResponseCreated e) {
      return withConfig(config.withIntegrationResponse(e.integrationId(), e.response()));
    }
    if (event instanceof ApiEvent.IntegrationResponseUpdated e) {
      return withConfig(config.withIntegrationResponse(e.integrationId(), e.response()));
    }
    if (event instanceof ApiEvent.IntegrationResponseDeleted e) {
      return withConfig(config.withoutIntegrationResponse(e.integrationId(), e.integrationResponseId()));
    }
    if (event instanceof ApiEvent.RouteResponseCreated e) {
      return withConfig(config.withRouteResponse(e.routeId(), e.response()));
    }
    if (event instanceof ApiEvent.RouteResponseUpdated e) {
      return withConfig(config.withRouteResponse(e.routeId(), e.response()));
    }
    if (event instanceof ApiEvent.RouteResponseDeleted e) {
      return withConfig(config.withoutRouteResponse(e.routeId(), e.routeResponseId()));
    }
    if (event instanceof ApiEvent.StageCreated e) {
      return withStages(Maps.put(stages, e.stage().stageName(), e.stage()));
    }
    if (event instanceof ApiEvent.StageUpdated e) {
      return withStages(Maps.put(stages, e.stage().stageName(), e.stage()));
    }
    if (event instanceof ApiEvent.StageDeleted e) return withStages(Maps.remove(stages, e.stageName()));
    if (event instanceof ApiEvent.DeploymentCreated e) {
      return withDeployments(
          Maps.put(deployments, e.deployment().deploymentId(), new DeployedSnapshot(e.deployment(), config)));
    }
    if (event instanceof ApiEvent.DeploymentUpdated e) {
      return withDeployments(Maps.put(deployments, e.deployment().deploymentId(),
          new DeployedSnapshot(e.deployment(), deployments.get(e.deployment().deploymentId()).config())));
    }
    if (event instanceof ApiEvent.DeploymentDeleted e) {
      return withDeployments(Maps.remove(deployments, e.deploymentId()));
    }
    throw new IllegalArgumentException("Unknown event " + event);
  }

  /** The deployment a stage points at, or null when the stage is not deployed. */
  public DeployedSnapshot deploymentOf(Stage stage) {
    return stage.deploymentId() == null ? null : deployments.get(stage.deploymentId());
  }

  public Deployment deployment(String deploymentId) {
    DeployedSnapshot snapshot = deployments.get(deploymentId);
    return snapshot == null ? null : snapshot.deployment();
  }

  private ApiState withConfig(ApiConfig newConfig) {
    return new ApiState(newConfig, stages, deployments, deleted, revision);
  }

  private ApiState withStages(Map<String, Stage> newStages) {
    return new ApiState(config, newStages, deployments, deleted, revision);
  }

  private ApiState withDeployments(Map<String, DeployedSnapshot> newDeployments) {
    return new ApiState(config, stages, newDeployments, deleted, revision);
  }
}
