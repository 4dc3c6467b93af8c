package router.config;

import router.CborSerializable;
import router.model.Api;
import router.model.Deployment;
import router.model.Integration;
import router.model.IntegrationResponse;
import router.model.Route;
import router.model.RouteResponse;
import router.model.Stage;

/**
 * What happened to an API's configuration; the journal of an {@code ApiEntity}. Each carries the new value and
 * says, in {@link #applyTo}, what it does to the state: the entity's event handler, pure.
 */
public sealed interface ApiEvent extends CborSerializable {

  /** The state after this event (before the revision count, which {@link ApiState#apply} bumps). */
  ApiState applyTo(ApiState state);

  record ApiCreated(Api api) implements ApiEvent {
    public ApiState applyTo(ApiState s) {
      return new ApiState(ApiConfig.of(api), s.stages(), s.deployments(), false, s.revision());
    }
  }

  record ApiUpdated(Api api) implements ApiEvent {
    public ApiState applyTo(ApiState s) {
      return s.withConfig(s.config().withApi(api));
    }
  }

  record ApiDeleted(String apiId) implements ApiEvent {
    public ApiState applyTo(ApiState s) {
      return s.asDeleted();
    }
  }

  record RouteCreated(Route route) implements ApiEvent {
    public ApiState applyTo(ApiState s) {
      return s.withConfig(s.config().withRoute(route));
    }
  }

  record RouteUpdated(Route route) implements ApiEvent {
    public ApiState applyTo(ApiState s) {
      return s.withConfig(s.config().withRoute(route));
    }
  }

  record RouteDeleted(String routeId) implements ApiEvent {
    public ApiState applyTo(ApiState s) {
      return s.withConfig(s.config().withoutRoute(routeId));
    }
  }

  record IntegrationCreated(Integration integration) implements ApiEvent {
    public ApiState applyTo(ApiState s) {
      return s.withConfig(s.config().withIntegration(integration));
    }
  }

  record IntegrationUpdated(Integration integration) implements ApiEvent {
    public ApiState applyTo(ApiState s) {
      return s.withConfig(s.config().withIntegration(integration));
    }
  }

  record IntegrationDeleted(String integrationId) implements ApiEvent {
    public ApiState applyTo(ApiState s) {
      return s.withConfig(s.config().withoutIntegration(integrationId));
    }
  }

  record IntegrationResponseCreated(String integrationId, IntegrationResponse response) implements ApiEvent {
    public ApiState applyTo(ApiState s) {
      return s.withConfig(s.config().withIntegrationResponse(integrationId, response));
    }
  }

  record IntegrationResponseUpdated(String integrationId, IntegrationResponse response) implements ApiEvent {
    public ApiState applyTo(ApiState s) {
      return s.withConfig(s.config().withIntegrationResponse(integrationId, response));
    }
  }

  record IntegrationResponseDeleted(String integrationId, String integrationResponseId) implements ApiEvent {
    public ApiState applyTo(ApiState s) {
      return s.withConfig(s.config().withoutIntegrationResponse(integrationId, integrationResponseId));
    }
  }

  record RouteResponseCreated(String routeId, RouteResponse response) implements ApiEvent {
    public ApiState applyTo(ApiState s) {
      return s.withConfig(s.config().withRouteResponse(routeId, response));
    }
  }

  record RouteResponseUpdated(String routeId, RouteResponse response) implements ApiEvent {
    public ApiState applyTo(ApiState s) {
      return s.withConfig(s.config().withRouteResponse(routeId, response));
    }
  }

  record RouteResponseDeleted(String routeId, String routeResponseId) implements ApiEvent {
    public ApiState applyTo(ApiState s) {
      return s.withConfig(s.config().withoutRouteResponse(routeId, routeResponseId));
    }
  }

  record StageCreated(Stage stage) implements ApiEvent {
    public ApiState applyTo(ApiState s) {
      return s.withStages(Maps.put(s.stages(), stage.stageName(), stage));
    }
  }

  record StageUpdated(Stage stage) implements ApiEvent {
    public ApiState applyTo(ApiState s) {
      return s.withStages(Maps.put(s.stages(), stage.stageName(), stage));
    }
  }

  record StageDeleted(String stageName) implements ApiEvent {
    public ApiState applyTo(ApiState s) {
      return s.withStages(Maps.remove(s.stages(), stageName));
    }
  }

  /** A deployment was created; it freezes the configuration current at this point of the journal. */
  record DeploymentCreated(Deployment deployment) implements ApiEvent {
    public ApiState applyTo(ApiState s) {
      return s.withDeployments(
          Maps.put(s.deployments(), deployment.deploymentId(), new DeployedSnapshot(deployment, s.config())));
    }
  }

  record DeploymentUpdated(Deployment deployment) implements ApiEvent {
    public ApiState applyTo(ApiState s) {
      ApiConfig frozen = s.deployments().get(deployment.deploymentId()).config();
      return s.withDeployments(
          Maps.put(s.deployments(), deployment.deploymentId(), new DeployedSnapshot(deployment, frozen)));
    }
  }

  record DeploymentDeleted(String deploymentId) implements ApiEvent {
    public ApiState applyTo(ApiState s) {
      return s.withDeployments(Maps.remove(s.deployments(), deploymentId));
    }
  }
}
