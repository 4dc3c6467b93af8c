package router.config;

import router.CborSerializable;
import router.model.Api;
import router.model.Deployment;
import router.model.Integration;
import router.model.IntegrationResponse;
import router.model.Route;
import router.model.RouteResponse;
import router.model.Stage;

/** What happened to an API's configuration; the journal of an {@code ApiEntity}. Each carries the new value. */
public sealed interface ApiEvent extends CborSerializable {

  record ApiCreated(Api api) implements ApiEvent {}

  record ApiUpdated(Api api) implements ApiEvent {}

  record ApiDeleted(String apiId) implements ApiEvent {}

  record RouteCreated(Route route) implements ApiEvent {}

  record RouteUpdated(Route route) implements ApiEvent {}

  record RouteDeleted(String routeId) implements ApiEvent {}

  record IntegrationCreated(Integration integration) implements ApiEvent {}

  record IntegrationUpdated(Integration integration) implements ApiEvent {}

  record IntegrationDeleted(String integrationId) implements ApiEvent {}

  record IntegrationResponseCreated(String integrationId, IntegrationResponse response) implements ApiEvent {}

  record IntegrationResponseUpdated(String integrationId, IntegrationResponse response) implements ApiEvent {}

  record IntegrationResponseDeleted(String integrationId, String integrationResponseId) implements ApiEvent {}

  record RouteResponseCreated(String routeId, RouteResponse response) implements ApiEvent {}

  record RouteResponseUpdated(String routeId, RouteResponse response) implements ApiEvent {}

  record RouteResponseDeleted(String routeId, String routeResponseId) implements ApiEvent {}

  record StageCreated(Stage stage) implements ApiEvent {}

  record StageUpdated(Stage stage) implements ApiEvent {}

  record StageDeleted(String stageName) implements ApiEvent {}

  /** A deployment was created; it freezes the configuration current at this point of the journal. */
  record DeploymentCreated(Deployment deployment) implements ApiEvent {}

  record DeploymentUpdated(Deployment deployment) implements ApiEvent {}

  record DeploymentDeleted(String deploymentId) implements ApiEvent {}
}
