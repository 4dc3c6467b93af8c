package router.node.control;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import router.config.ConfigService;
import router.errors.ApiGatewayException;
import router.errors.BadRequestException;
import router.errors.NotFoundException;
import router.model.Api;
import router.model.Integration;
import router.model.IntegrationResponse;
import router.model.Page;
import router.model.RouteResponse;
import router.model.Stage;

/**
 * The apigatewayv2 REST API (paths under {@code /v2/apis}) over {@link ConfigService}: camelCase JSON, 201 on
 * create, 200 on get and update, 204 on delete, errors with {@code x-amzn-ErrorType} and {@code {"message"}} —
 * what the AWS CLI and SDKs expect from {@code --endpoint-url}. A plain {@code Route} a host application can mount.
 */
public final class ControlPlaneRoutes {
  private static final Logger log = LoggerFactory.getLogger(ControlPlaneRoutes.class);
  private static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";
  private static final int CREATED = 201;
  private static final int OK = 200;

  private final ConfigService service;
  private final Function<String, String> apiEndpoint;

  /**
   * @param apiEndpoint the {@code apiEndpoint} the API with a given id reports, e.g. {@code ws://host:8080/{id}}
   */
  public ControlPlaneRoutes(ConfigService service, Function<String, String> apiEndpoint) {
    this.service = service;
    this.apiEndpoint = apiEndpoint;
  }

  /** Input of CreateDeployment and UpdateDeployment. */
  record DeploymentInput(String stageName, String description) {}

  public Route route() {
    return handleExceptions(exceptions(), () -> handleRejections(rejections(), () ->
        pathPrefix("v2", () -> pathPrefix("apis", () -> concat(
            pathEndOrSingleSlash(() -> concat(
                get(() -> listParams((max, token) ->
                    respond(OK, () -> service.getApis(max, token).thenApply(this::withEndpoints)))),
                post(() -> body(Api.class, api -> respond(CREATED,
                    () -> service.createApi(api).thenApply(this::withEndpoint)))))),
            pathPrefix(PathMatchers.segment(), this::api))))));
  }

  private Route api(String apiId) {
    return concat(
        pathEndOrSingleSlash(() -> concat(
            get(() -> respond(OK, () -> service.getApi(apiId).thenApply(this::withEndpoint))),
            patch(() -> body(Api.class, patch -> respond(OK,
                () -> service.updateApi(apiId, patch).thenApply(this::withEndpoint)))),
            delete(() -> respondEmpty(() -> service.deleteApi(apiId))))),
        pathPrefix("routes", () -> routes(apiId)),
        pathPrefix("integrations", () -> integrations(apiId)),
        pathPrefix("stages", () -> stages(apiId)),
        pathPrefix("deployments", () -> deployments(apiId)));
  }

  private Route routes(String apiId) {
    return concat(
        pathEndOrSingleSlash(() -> concat(
            get(() -> listParams((max, token) -> respond(OK, () -> service.getRoutes(apiId, max, token)))),
            post(() -> body(router.model.Route.class, route ->
                respond(CREATED, () -> service.createRoute(apiId, route)))))),
        pathPrefix(PathMatchers.segment(), routeId -> concat(
            pathEndOrSingleSlash(() -> concat(
                get(() -> respond(OK, () -> service.getRoute(apiId, routeId))),
                patch(() -> body(router.model.Route.class, patch ->
                    respond(OK, () -> service.updateRoute(apiId, routeId, patch)))),
                delete(() -> respondEmpty(() -> service.deleteRoute(apiId, routeId))))),
            pathPrefix("routeresponses", () -> concat(
                pathEndOrSingleSlash(() -> concat(
                    get(() -> listParams((max, token) ->
                        respond(OK, () -> service.getRouteResponses(apiId, routeId, max, token)))),
                    post(() -> body(RouteResponse.class, response ->
                        respond(CREATED, () -> service.createRouteResponse(apiId, routeId, response)))))),
                path(PathMatchers.segment(), responseId -> concat(
                    get(() -> respond(OK, () -> service.getRouteResponse(apiId, routeId, responseId))),
                    patch(() -> body(RouteResponse.class, patch ->
                        respond(OK, () -> service.updateRouteResponse(apiId, routeId, responseId, patch)))),
                    delete(() -> respondEmpty(
                        () -> service.deleteRouteResponse(apiId, routeId, responseId))))))))));
  }

  private Route integrations(String apiId) {
    return concat(
        pathEndOrSingleSlash(() -> concat(
            get(() -> listParams((max, token) -> respond(OK, () -> service.getIntegrations(apiId, max, token)))),
            post(() -> body(Integration.class, integration ->
                respond(CREATED, () -> service.createIntegration(apiId, integration)))))),
        pathPrefix(PathMatchers.segment(), integrationId -> concat(
            pathEndOrSingleSlash(() -> concat(
                get(() -> respond(OK, () -> service.getIntegration(apiId, integrationId))),
                patch(() -> body(Integration.class, patch ->
                    respond(OK, () -> service.updateIntegration(apiId, integrationId, patch)))),
                delete(() -> respondEmpty(() -> service.deleteIntegration(apiId, integrationId))))),
            pathPrefix("integrationresponses", () -> concat(
                pathEndOrSingleSlash(() -> concat(
                    get(() -> listParams((max, token) -> respond(OK,
                        () -> service.getIntegrationResponses(apiId, integrationId, max, token)))),
                    post(() -> body(IntegrationResponse.class, response -> respond(CREATED,
                        () -> service.createIntegrationResponse(apiId, integrationId, response)))))),
                path(PathMatchers.segment(), responseId -> concat(
                    get(() -> respond(OK,
                        () -> service.getIntegrationResponse(apiId, integrationId, responseId))),
                    patch(() -> body(IntegrationResponse.class, patch -> respond(OK,
                        () -> service.updateIntegrationResponse(apiId, integrationId, responseId, patch)))),
                    delete(() -> respondEmpty(
                        () -> service.deleteIntegrationResponse(apiId, integrationId, responseId))))))))));
  }

  private Route stages(String apiId) {
    return concat(
        pathEndOrSingleSlash(() -> concat(
            get(() -> listParams((max, token) -> respond(OK, () -> service.getStages(apiId, max, token)))),
            post(() -> body(Stage.class, stage -> respond(CREATED, () -> service.createStage(apiId, stage)))))),
        path(PathMatchers.segment(), stageName -> concat(
            get(() -> respond(OK, () -> service.getStage(apiId, stageName))),
            patch(() -> body(Stage.class, patch -> respond(OK, () -> service.updateStage(apiId, stageName, patch)))),
            delete(() -> respondEmpty(() -> service.deleteStage(apiId, stageName))))));
  }

  private Route deployments(String apiId) {
    return concat(
        pathEndOrSingleSlash(() -> concat(
            get(() -> listParams((max, token) -> respond(OK, () -> service.getDeployments(apiId, max, token)))),
            post(() -> body(DeploymentInput.class, input -> respond(CREATED,
                () -> service.createDeployment(apiId, input.stageName(), input.description())))))),
        path(PathMatchers.segment(), deploymentId -> concat(
            get(() -> respond(OK, () -> service.getDeployment(apiId, deploymentId))),
            patch(() -> body(DeploymentInput.class, input -> respond(OK,
                () -> service.updateDeployment(apiId, deploymentId, input.description())))),
            delete(() -> respondEmpty(() -> service.deleteDeployment(apiId, deploymentId))))));
  }

  // ---- Plumbing ---------------------------------------------------------------------------------------------

  private Api withEndpoint(Api api) {
    return api.withApiEndpoint(apiEndpoint.apply(api.apiId()));
  }

  private Page<Api> withEndpoints(Page<Api> page) {
    return new Page<>(page.items().stream().map(this::withEndpoint).toList(), page.nextToken());
  }

  private static Route listParams(java.util.function.BiFunction<String, String, Route> inner) {
    return parameterOptional("maxResults", max -> parameterOptional("nextToken", token ->
        inner.apply(max.orElse(null), token.orElse(null))));
  }

  private static <T> Route body(Class<T> type, Function<T, Route> inner) {
    return entity(Unmarshaller.entityToString(), text -> {
      T value;
      try {
        value = WireJson.read(text, type);
      } catch (ApiGatewayException e) {
        return complete(error(e));
      }
      return inner.apply(value);
    });
  }

  private static Route respond(int status, Supplier<? extends CompletionStage<?>> call) {
    return completeWithFuture(safely(call).handle((value, failure) ->
        failure == null ? json(status, WireJson.write(value)) : error(failure)));
  }

  private static Route respondEmpty(Supplier<? extends CompletionStage<?>> call) {
    return completeWithFuture(safely(call).handle((value, failure) ->
        failure == null ? HttpResponse.create().withStatus(StatusCodes.NO_CONTENT) : error(failure)));
  }

  // A call that throws before returning its future is answered like one that failed.
  private static CompletionStage<?> safely(Supplier<? extends CompletionStage<?>> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      return java.util.concurrent.CompletableFuture.failedFuture(e);
    }
  }

  private static HttpResponse json(int status, String body) {
    return HttpResponse.create()
        .withStatus(status)
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body));
  }

  /** The API Gateway-shaped response of a failure. */
  static HttpResponse error(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof CompletionException && cause.getCause() != null) cause = cause.getCause();
    if (cause instanceof ApiGatewayException e) {
      return error(e.httpStatus(), e.errorType(), e.getMessage());
    }
    if (cause instanceof TimeoutException) {
      log.warn("Control-plane call timed out: {}", cause.getMessage());
      return error(503, "ServiceUnavailableException", "The service is not ready or did not answer in time");
    }
    log.error("Control-plane call failed", cause);
    return error(500, "InternalServerErrorException", "Internal server error");
  }

  static HttpResponse error(int status, String type, String message) {
    return json(status, WireJson.write(java.util.Map.of("message", message)))
        .addHeader(RawHeader.create(ERROR_TYPE_HEADER, type));
  }

  private static ExceptionHandler exceptions() {
    return ExceptionHandler.newBuilder().matchAny(e -> complete(error(e))).build();
  }

  private static RejectionHandler rejections() {
    return RejectionHandler.newBuilder()
        .handle(org.apache.pekko.http.javadsl.server.MethodRejection.class, r -> complete(error(
            new NotFoundException("No operation for this method on this resource"))))
        .handle(org.apache.pekko.http.javadsl.server.MalformedRequestContentRejection.class, r -> complete(error(
            new BadRequestException("Could not parse request body: " + r.message()))))
        .handleNotFound(complete(error(new NotFoundException("Router does not implement this resource"))))
        .build()
        .withFallback(RejectionHandler.defaultHandler())
        .mapRejectionResponse(response -> response.getHeader(ERROR_TYPE_HEADER).isPresent() ? response
            : error(response.status().intValue(), "BadRequestException", response.status().reason()));
  }
}
