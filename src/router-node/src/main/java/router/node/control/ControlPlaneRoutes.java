package router.node.control;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
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
import org.apache.pekko.pattern.StatusReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import router.config.ApiEntity;
import router.config.ApiEntity.*;
import router.config.ConfigService;
import router.config.Paging;
import router.errors.ApiGatewayException;
import router.errors.BadRequestException;
import router.errors.NotFoundException;
import router.model.Api;
import router.model.Deployment;
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

  // One operation per line: the HTTP method, the body's type if any, and the ApiEntity command it becomes (with
  // the type of its answer where Java cannot infer it from a lambda).

  private Route api(String apiId) {
    return concat(
        pathEndOrSingleSlash(() -> concat(
            get(() -> respond(OK, () -> service.<Api>ask(apiId, GetApi::new).thenApply(this::withEndpoint))),
            patch(() -> body(Api.class, patch -> respond(OK, () -> service.<Api>ask(apiId,
                r -> new UpdateApi(patch, r)).thenApply(this::withEndpoint)))),
            delete(() -> respondEmpty(() -> service.deleteApi(apiId))))),
        pathPrefix("routes", () -> routes(apiId)),
        pathPrefix("integrations", () -> integrations(apiId)),
        pathPrefix("stages", () -> stages(apiId)),
        pathPrefix("deployments", () -> deployments(apiId)));
  }

  private Route routes(String apiId) {
    return concat(
        pathEndOrSingleSlash(() -> concat(
            get(() -> list(apiId, GetRoutes::new)),
            post(() -> body(router.model.Route.class,
                in -> this.<router.model.Route>created(apiId, r -> new CreateRoute(in, r)))))),
        pathPrefix(PathMatchers.segment(), routeId -> concat(
            pathEndOrSingleSlash(() -> concat(
                get(() -> this.<router.model.Route>ok(apiId, r -> new GetRoute(routeId, r))),
                patch(() -> body(router.model.Route.class,
                    in -> this.<router.model.Route>ok(apiId, r -> new UpdateRoute(routeId, in, r)))),
                delete(() -> deleted(apiId, r -> new DeleteRoute(routeId, r))))),
            pathPrefix("routeresponses", () -> routeResponses(apiId, routeId)))));
  }

  private Route routeResponses(String apiId, String routeId) {
    return concat(
        pathEndOrSingleSlash(() -> concat(
            get(() -> this.<RouteResponses>list(apiId, r -> new GetRouteResponses(routeId, r))),
            post(() -> body(RouteResponse.class,
                in -> this.<RouteResponse>created(apiId, r -> new CreateRouteResponse(routeId, in, r)))))),
        path(PathMatchers.segment(), id -> concat(
            get(() -> this.<RouteResponse>ok(apiId, r -> new GetRouteResponse(routeId, id, r))),
            patch(() -> body(RouteResponse.class,
                in -> this.<RouteResponse>ok(apiId, r -> new UpdateRouteResponse(routeId, id, in, r)))),
            delete(() -> deleted(apiId, r -> new DeleteRouteResponse(routeId, id, r))))));
  }

  private Route integrations(String apiId) {
    return concat(
        pathEndOrSingleSlash(() -> concat(
            get(() -> list(apiId, GetIntegrations::new)),
            post(() -> body(Integration.class,
                in -> this.<Integration>created(apiId, r -> new CreateIntegration(in, r)))))),
        pathPrefix(PathMatchers.segment(), integrationId -> concat(
            pathEndOrSingleSlash(() -> concat(
                get(() -> this.<Integration>ok(apiId, r -> new GetIntegration(integrationId, r))),
                patch(() -> body(Integration.class,
                    in -> this.<Integration>ok(apiId, r -> new UpdateIntegration(integrationId, in, r)))),
                delete(() -> deleted(apiId, r -> new DeleteIntegration(integrationId, r))))),
            pathPrefix("integrationresponses", () -> integrationResponses(apiId, integrationId)))));
  }

  private Route integrationResponses(String apiId, String integrationId) {
    return concat(
        pathEndOrSingleSlash(() -> concat(
            get(() -> this.<IntegrationResponses>list(apiId, r -> new GetIntegrationResponses(integrationId, r))),
            post(() -> body(IntegrationResponse.class, in -> this.<IntegrationResponse>created(apiId,
                r -> new CreateIntegrationResponse(integrationId, in, r)))))),
        path(PathMatchers.segment(), id -> concat(
            get(() -> this.<IntegrationResponse>ok(apiId, r -> new GetIntegrationResponse(integrationId, id, r))),
            patch(() -> body(IntegrationResponse.class, in -> this.<IntegrationResponse>ok(apiId,
                r -> new UpdateIntegrationResponse(integrationId, id, in, r)))),
            delete(() -> deleted(apiId, r -> new DeleteIntegrationResponse(integrationId, id, r))))));
  }

  private Route stages(String apiId) {
    return concat(
        pathEndOrSingleSlash(() -> concat(
            get(() -> list(apiId, GetStages::new)),
            post(() -> body(Stage.class, in -> this.<Stage>created(apiId, r -> new CreateStage(in, r)))))),
        path(PathMatchers.segment(), name -> concat(
            get(() -> this.<Stage>ok(apiId, r -> new GetStage(name, r))),
            patch(() -> body(Stage.class, in -> this.<Stage>ok(apiId, r -> new UpdateStage(name, in, r)))),
            delete(() -> deleted(apiId, r -> new DeleteStage(name, r))))));
  }

  private Route deployments(String apiId) {
    return concat(
        pathEndOrSingleSlash(() -> concat(
            get(() -> list(apiId, GetDeployments::new)),
            post(() -> body(DeploymentInput.class, in -> this.<Deployment>created(apiId,
                r -> new CreateDeployment(in.stageName(), in.description(), r)))))),
        path(PathMatchers.segment(), id -> concat(
            get(() -> this.<Deployment>ok(apiId, r -> new GetDeployment(id, r))),
            patch(() -> body(DeploymentInput.class,
                in -> this.<Deployment>ok(apiId, r -> new UpdateDeployment(id, in.description(), r)))),
            delete(() -> deleted(apiId, r -> new DeleteDeployment(id, r))))));
  }

  // ---- One operation: 200 / 201 / 204 with the entity's answer, or its error -------------------------------

  private <T> Route ok(String apiId, Function<ActorRef<StatusReply<T>>, ApiEntity.Command> command) {
    return respond(OK, () -> service.ask(apiId, command));
  }

  private <T> Route created(String apiId, Function<ActorRef<StatusReply<T>>, ApiEntity.Command> command) {
    return respond(CREATED, () -> service.ask(apiId, command));
  }

  private Route deleted(String apiId, Function<ActorRef<StatusReply<Done>>, ApiEntity.Command> command) {
    return respondEmpty(() -> service.ask(apiId, command));
  }

  private <L extends ApiEntity.Listing<?>> Route list(
      String apiId, Function<ActorRef<StatusReply<L>>, ApiEntity.Command> command) {
    return listParams((max, token) -> respond(OK,
        () -> service.ask(apiId, command).thenApply(all -> Paging.page(all.items(), max, token))));
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
      // The caller's mistake (or a missing resource): one line, no stack trace.
      log.info("Control-plane request refused: {} {}", e.errorType(), e.getMessage());
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
        // Built per request (extractRequest): error() logs the refusal, which must happen only when it is answered.
        .handleNotFound(extractRequest(request ->
            complete(error(new NotFoundException("Router does not implement this resource")))))
        .build()
        .withFallback(RejectionHandler.defaultHandler())
        .mapRejectionResponse(response -> response.getHeader(ERROR_TYPE_HEADER).isPresent() ? response
            : error(response.status().intValue(), "BadRequestException", response.status().reason()));
  }
}
