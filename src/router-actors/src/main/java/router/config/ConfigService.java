package router.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.pattern.StatusReply;
import router.errors.ConflictException;
import router.errors.NotFoundException;
import router.ids.ResourceIds;
import router.model.Api;
import router.model.Deployment;
import router.model.Integration;
import router.model.IntegrationResponse;
import router.model.Page;
import router.model.Route;
import router.model.RouteResponse;
import router.model.Stage;

/**
 * The apigatewayv2 control plane as asynchronous Java calls: the edge between callers (the HTTP routes, a host
 * application) and the API entities. Failures complete exceptionally with an {@code ApiGatewayException}.
 */
public final class ConfigService {
  private static final int CREATE_ATTEMPTS = 3;

  private final ActorSystem<?> system;
  private final ClusterSharding sharding;
  private final Duration timeout;

  public ConfigService(ActorSystem<?> system, Duration timeout) {
    this.system = system;
    this.sharding = ClusterSharding.get(system);
    this.timeout = timeout;
  }

  // ---- APIs -------------------------------------------------------------------------------------------------

  public CompletionStage<Api> createApi(Api input) {
    return createApi(input, CREATE_ATTEMPTS);
  }

  private CompletionStage<Api> createApi(Api input, int attemptsLeft) {
    String apiId = ResourceIds.apiId();
    return this.<Api>ask(apiId, replyTo -> new ApiEntity.CreateApi(input, replyTo))
        .thenCompose(api -> directoryAsk(replyTo -> new ApiDirectory.Register(api.apiId(), replyTo))
            .thenApply(done -> api))
        .exceptionallyCompose(e -> unwrap(e) instanceof ConflictException && attemptsLeft > 1
            ? createApi(input, attemptsLeft - 1)
            : CompletableFuture.failedFuture(unwrap(e)));
  }

  public CompletionStage<Api> getApi(String apiId) {
    return ask(apiId, ApiEntity.GetApi::new);
  }

  /** A page of APIs in creation order. */
  public CompletionStage<Page<Api>> getApis(String maxResults, String nextToken) {
    return directoryIds().thenCompose(ids -> {
      Page<String> page = Paging.page(ids, maxResults, nextToken);
      List<CompletableFuture<Api>> apis = new ArrayList<>();
      for (String id : page.items()) {
        // An API deleted between the listing and this read is left out rather than failing the page.
        apis.add(getApi(id).toCompletableFuture().exceptionally(e -> null));
      }
      return CompletableFuture.allOf(apis.toArray(CompletableFuture[]::new)).thenApply(done -> {
        List<Api> items = new ArrayList<>();
        apis.forEach(f -> {
          Api api = f.join();
          if (api != null) items.add(api);
        });
        return new Page<>(items, page.nextToken());
      });
    });
  }

  /** The ids of every API, in creation order. */
  public CompletionStage<List<String>> apiIds() {
    return directoryIds();
  }

  public CompletionStage<Api> updateApi(String apiId, Api patch) {
    return ask(apiId, replyTo -> new ApiEntity.UpdateApi(patch, replyTo));
  }

  public CompletionStage<Done> deleteApi(String apiId) {
    return this.<Done>ask(apiId, ApiEntity.DeleteApi::new)
        .thenCompose(done -> directoryAsk(replyTo -> new ApiDirectory.Unregister(apiId, replyTo)));
  }

  /** Starts the entity of an API (which re-publishes its stages) and completes when it has recovered. */
  public CompletionStage<Done> wake(String apiId) {
    return entity(apiId).ask(ApiEntity.Wake::new, timeout);
  }

  // ---- Routes and route responses ---------------------------------------------------------------------------

  public CompletionStage<Route> createRoute(String apiId, Route route) {
    return ask(apiId, replyTo -> new ApiEntity.CreateRoute(route, replyTo));
  }

  public CompletionStage<Route> getRoute(String apiId, String routeId) {
    return ask(apiId, replyTo -> new ApiEntity.GetRoute(routeId, replyTo));
  }

  public CompletionStage<Page<Route>> getRoutes(String apiId, String maxResults, String nextToken) {
    return this.<ApiEntity.Routes>ask(apiId, ApiEntity.GetRoutes::new)
        .thenApply(all -> Paging.page(all.items(), maxResults, nextToken));
  }

  public CompletionStage<Route> updateRoute(String apiId, String routeId, Route patch) {
    return ask(apiId, replyTo -> new ApiEntity.UpdateRoute(routeId, patch, replyTo));
  }

  public CompletionStage<Done> deleteRoute(String apiId, String routeId) {
    return ask(apiId, replyTo -> new ApiEntity.DeleteRoute(routeId, replyTo));
  }

  public CompletionStage<RouteResponse> createRouteResponse(String apiId, String routeId, RouteResponse response) {
    return ask(apiId, replyTo -> new ApiEntity.CreateRouteResponse(routeId, response, replyTo));
  }

  public CompletionStage<RouteResponse> getRouteResponse(String apiId, String routeId, String responseId) {
    return ask(apiId, replyTo -> new ApiEntity.GetRouteResponse(routeId, responseId, replyTo));
  }

  public CompletionStage<Page<RouteResponse>> getRouteResponses(
      String apiId, String routeId, String maxResults, String nextToken) {
    return this.<ApiEntity.RouteResponses>ask(apiId, replyTo -> new ApiEntity.GetRouteResponses(routeId, replyTo))
        .thenApply(all -> Paging.page(all.items(), maxResults, nextToken));
  }

  public CompletionStage<RouteResponse> updateRouteResponse(
      String apiId, String routeId, String responseId, RouteResponse patch) {
    return ask(apiId, replyTo -> new ApiEntity.UpdateRouteResponse(routeId, responseId, patch, replyTo));
  }

  public CompletionStage<Done> deleteRouteResponse(String apiId, String routeId, String responseId) {
    return ask(apiId, replyTo -> new ApiEntity.DeleteRouteResponse(routeId, responseId, replyTo));
  }

  // ---- Integrations and integration responses ---------------------------------------------------------------

  public CompletionStage<Integration> createIntegration(String apiId, Integration integration) {
    return ask(apiId, replyTo -> new ApiEntity.CreateIntegration(integration, replyTo));
  }

  public CompletionStage<Integration> getIntegration(String apiId, String integrationId) {
    return ask(apiId, replyTo -> new ApiEntity.GetIntegration(integrationId, replyTo));
  }

  public CompletionStage<Page<Integration>> getIntegrations(String apiId, String maxResults, String nextToken) {
    return this.<ApiEntity.Integrations>ask(apiId, ApiEntity.GetIntegrations::new)
        .thenApply(all -> Paging.page(all.items(), maxResults, nextToken));
  }

  public CompletionStage<Integration> updateIntegration(String apiId, String integrationId, Integration patch) {
    return ask(apiId, replyTo -> new ApiEntity.UpdateIntegration(integrationId, patch, replyTo));
  }

  public CompletionStage<Done> deleteIntegration(String apiId, String integrationId) {
    return ask(apiId, replyTo -> new ApiEntity.DeleteIntegration(integrationId, replyTo));
  }

  public CompletionStage<IntegrationResponse> createIntegrationResponse(
      String apiId, String integrationId, IntegrationResponse response) {
    return ask(apiId, replyTo -> new ApiEntity.CreateIntegrationResponse(integrationId, response, replyTo));
  }

  public CompletionStage<IntegrationResponse> getIntegrationResponse(
      String apiId, String integrationId, String responseId) {
    return ask(apiId, replyTo -> new ApiEntity.GetIntegrationResponse(integrationId, responseId, replyTo));
  }

  public CompletionStage<Page<IntegrationResponse>> getIntegrationResponses(
      String apiId, String integrationId, String maxResults, String nextToken) {
    return this.<ApiEntity.IntegrationResponses>ask(apiId,
            replyTo -> new ApiEntity.GetIntegrationResponses(integrationId, replyTo))
        .thenApply(all -> Paging.page(all.items(), maxResults, nextToken));
  }

  public CompletionStage<IntegrationResponse> updateIntegrationResponse(
      String apiId, String integrationId, String responseId, IntegrationResponse patch) {
    return ask(apiId,
        replyTo -> new ApiEntity.UpdateIntegrationResponse(integrationId, responseId, patch, replyTo));
  }

  public CompletionStage<Done> deleteIntegrationResponse(String apiId, String integrationId, String responseId) {
    return ask(apiId, replyTo -> new ApiEntity.DeleteIntegrationResponse(integrationId, responseId, replyTo));
  }

  // ---- Stages and deployments -------------------------------------------------------------------------------

  public CompletionStage<Stage> createStage(String apiId, Stage stage) {
    return ask(apiId, replyTo -> new ApiEntity.CreateStage(stage, replyTo));
  }

  public CompletionStage<Stage> getStage(String apiId, String stageName) {
    return ask(apiId, replyTo -> new ApiEntity.GetStage(stageName, replyTo));
  }

  public CompletionStage<Page<Stage>> getStages(String apiId, String maxResults, String nextToken) {
    return this.<ApiEntity.Stages>ask(apiId, ApiEntity.GetStages::new)
        .thenApply(all -> Paging.page(all.items(), maxResults, nextToken));
  }

  public CompletionStage<Stage> updateStage(String apiId, String stageName, Stage patch) {
    return ask(apiId, replyTo -> new ApiEntity.UpdateStage(stageName, patch, replyTo));
  }

  public CompletionStage<Done> deleteStage(String apiId, String stageName) {
    return ask(apiId, replyTo -> new ApiEntity.DeleteStage(stageName, replyTo));
  }

  public CompletionStage<Deployment> createDeployment(String apiId, String stageName, String description) {
    return ask(apiId, replyTo -> new ApiEntity.CreateDeployment(stageName, description, replyTo));
  }

  public CompletionStage<Deployment> getDeployment(String apiId, String deploymentId) {
    return ask(apiId, replyTo -> new ApiEntity.GetDeployment(deploymentId, replyTo));
  }

  public CompletionStage<Page<Deployment>> getDeployments(String apiId, String maxResults, String nextToken) {
    return this.<ApiEntity.Deployments>ask(apiId, ApiEntity.GetDeployments::new)
        .thenApply(all -> Paging.page(all.items(), maxResults, nextToken));
  }

  public CompletionStage<Deployment> updateDeployment(String apiId, String deploymentId, String description) {
    return ask(apiId, replyTo -> new ApiEntity.UpdateDeployment(deploymentId, description, replyTo));
  }

  public CompletionStage<Done> deleteDeployment(String apiId, String deploymentId) {
    return ask(apiId, replyTo -> new ApiEntity.DeleteDeployment(deploymentId, replyTo));
  }

  // ---- Plumbing ---------------------------------------------------------------------------------------------

  private <T> CompletionStage<T> ask(String apiId, Function<ActorRef<StatusReply<T>>, ApiEntity.Command> command) {
    // An id that cannot be an API id never reaches sharding, so junk ids start no entity.
    if (!ResourceIds.isWellFormed(apiId)) {
      return CompletableFuture.failedFuture(new NotFoundException("Invalid API identifier specified"));
    }
    return entity(apiId).<T>askWithStatus(command::apply, timeout)
        .exceptionallyCompose(e -> CompletableFuture.failedFuture(unwrap(e)));
  }

  private EntityRef<ApiEntity.Command> entity(String apiId) {
    return sharding.entityRefFor(ApiEntity.TYPE_KEY, apiId);
  }

  private CompletionStage<List<String>> directoryIds() {
    return ApiDirectory.ref(system).<ApiDirectory.ApiIds>ask(ApiDirectory.GetAll::new, timeout)
        .thenApply(ApiDirectory.ApiIds::ids);
  }

  private CompletionStage<Done> directoryAsk(Function<ActorRef<Done>, ApiDirectory.Command> command) {
    return ApiDirectory.ref(system).ask(command::apply, timeout);
  }

  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while (t instanceof CompletionException && t.getCause() != null) t = t.getCause();
    return t;
  }
}
