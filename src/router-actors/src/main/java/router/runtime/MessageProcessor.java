package router.runtime;

import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.Done;
import org.apache.pekko.util.ByteString;
import org.slf4j.Logger;
import router.ids.ConnectionIds;
import router.integration.IntegrationException;
import router.integration.IntegrationRequest;
import router.integration.IntegrationResult;
import router.integration.StageVariables;
import router.metrics.RouterMetrics;
import router.protocol.CloseCodes;
import router.protocol.GatewayMessages;
import router.template.CompiledTemplate;
import router.template.TemplateRenderException;

/**
 * The path of one event through a compiled stage: route selection, request mapping (template selection,
 * passthrough), the integration call within its timeout, integration response selection and mapping, and the
 * route response — or one of API Gateway's error frames. Stateless and thread-safe; one per node.
 */
public final class MessageProcessor {
  /** Returned when nothing goes back to the client (one-way route); compared by identity. */
  public static final ServerMessage NOTHING = new ServerMessage.Text("");

  private static final String CONNECT = "$connect";
  private static final String DISCONNECT = "$disconnect";
  private static final String FORBIDDEN = GatewayMessages.FORBIDDEN;
  private static final String INTERNAL_ERROR = GatewayMessages.INTERNAL_SERVER_ERROR;
  private static final String TIMED_OUT = GatewayMessages.ENDPOINT_REQUEST_TIMED_OUT;
  private static final String UNSUPPORTED_MEDIA_TYPE = GatewayMessages.UNSUPPORTED_MEDIA_TYPE;
  private static final int HTTP_OK_MIN = 200;
  private static final int HTTP_OK_MAX = 299;

  private final Logger log;
  private final RouterMetrics metrics;
  private final AccessLog accessLog;
  private final ExecutionLogger execution;
  /** The lines a client can cause per message, at most once per kind per interval. */
  private final RateLimitedLog warnings;

  public MessageProcessor(Logger log) {
    this(log, RouterMetrics.NONE, AccessLog.NONE);
  }

  /** Execution logs as text, every warning written. */
  public MessageProcessor(Logger log, RouterMetrics metrics, AccessLog accessLog) {
    this(log, metrics, accessLog, new ExecutionLogger(accessLog, false), new RateLimitedLog(log, Duration.ZERO));
  }

  /**
   * @param metrics counts error frames; the stage's and routes' own counters come bound in the compiled stage
   * @param accessLog where the lines of stages with access log settings go
   * @param execution writes the execution logs of routes whose loggingLevel asks for them
   * @param warnings the processor's own warnings about failing routes (a client can cause them at will)
   */
  public MessageProcessor(Logger log, RouterMetrics metrics, AccessLog accessLog, ExecutionLogger execution,
      RateLimitedLog warnings) {
    this.log = log;
    this.metrics = metrics;
    this.accessLog = accessLog;
    this.execution = execution;
    this.warnings = warnings;
  }

  /** Processes one client message; completes with the reply, an error frame, or {@link #NOTHING}. */
  public CompletionStage<ServerMessage> onMessage(ConnectionInfo info, ClientMessage message) {
    long now = System.currentTimeMillis();
    CompiledStage stage = info.stage().current();
    String requestId = ConnectionIds.requestId();
    if (stage == null) return done(forbidden(info, requestId));
    String body;
    if (message instanceof ClientMessage.Text text) {
      body = text.text();
    } else {
      // API Gateway closes a connection that sends a binary frame with 1003, unless the integration of the route
      // binary messages take ($default, as they are not JSON) converts binary payloads to text.
      CompiledRoute route = stage.defaultRoute();
      if (route == null || route.integration() == null
          || !"CONVERT_TO_TEXT".equals(route.integration().source().contentHandlingStrategy())) {
        warnings.info("binary frame", "Closing connection {} with 1003: it sent a binary frame", info.connectionId());
        return done(new ServerMessage.Close(CloseCodes.UNSUPPORTED_DATA, "Binary frames are not supported"));
      }
      body = Base64.getEncoder().encodeToString(((ClientMessage.Binary) message).bytes().toArray());
    }
    MessageContext context = new MessageContext(info, stage, body, requestId, "MESSAGE", now);
    context.base64Encoded = message instanceof ClientMessage.Binary;
    CompiledRoute route = selectRoute(stage, context);
    if (route == null) {
      stage.metrics().clientError();
      execution.noRoute(context, stage.executionLog());
      logAccess(context, 403, FORBIDDEN);
      return done(forbidden(info, requestId));
    }
    context.routeKey = route.routeKey();
    context.executionLog = route.executionLog();
    execution.received(context);
    return integrate(route, context).thenApply(outcome -> {
      if (outcome.failure != null) metrics.errorFrame(outcome.failure);
      logAccess(context, outcome.status, outcome.failure);
      return outcome.reply;
    });
  }

  /** Runs {@code $connect} (when the stage has one) before the upgrade completes. */
  public CompletionStage<ConnectOutcome> onConnect(ConnectionInfo info) {
    CompiledStage stage = info.stage().current();
    if (stage == null) return CompletableFuture.completedFuture(ConnectOutcome.refused(403, FORBIDDEN));
    CompiledRoute route = stage.connectRoute();
    if (route == null && stage.accessLog() == null) return CompletableFuture.completedFuture(ConnectOutcome.ACCEPTED);
    MessageContext context = new MessageContext(info, stage, "", ConnectionIds.requestId(), "CONNECT",
        System.currentTimeMillis());
    context.routeKey = CONNECT;
    if (route == null) {
      logAccess(context, HTTP_OK_MIN, null);
      return CompletableFuture.completedFuture(ConnectOutcome.ACCEPTED);
    }
    route.metrics().connect();
    context.executionLog = route.executionLog();
    execution.received(context);
    return integrate(route, context).thenApply(outcome -> {
      logAccess(context, outcome.status, outcome.failure);
      if (outcome.failure != null) return ConnectOutcome.refused(outcome.status, outcome.failure);
      if (outcome.status < HTTP_OK_MIN || outcome.status > HTTP_OK_MAX) {
        return ConnectOutcome.refused(outcome.status, FORBIDDEN);
      }
      // A proxy integration's answer may add handshake response headers (the guide's subprotocol example).
      return route.integration().type().isProxy() && context.result != null
          ? ConnectOutcome.accepted(singleValued(context.result.headers())) : ConnectOutcome.ACCEPTED;
    });
  }

  /** Runs {@code $disconnect} (when the stage has one), best effort: its outcome goes nowhere. */
  public CompletionStage<Done> onDisconnect(ConnectionInfo info) {
    return onDisconnect(info, null);
  }

  /** As {@link #onDisconnect(ConnectionInfo)}, reporting how the connection closed ({@code null}: unknown). */
  public CompletionStage<Done> onDisconnect(ConnectionInfo info, CloseStatus closed) {
    CompiledStage stage = info.stage().lastServed(); // a deleted stage's connections still run its $disconnect
    if (stage == null || stage.disconnectRoute() == null && stage.accessLog() == null) {
      return CompletableFuture.completedFuture(Done.getInstance());
    }
    MessageContext context = new MessageContext(info, stage, "", ConnectionIds.requestId(), "DISCONNECT",
        System.currentTimeMillis());
    context.routeKey = DISCONNECT;
    context.closed = closed;
    if (stage.disconnectRoute() == null) {
      logAccess(context, HTTP_OK_MIN, null);
      return CompletableFuture.completedFuture(Done.getInstance());
    }
    context.executionLog = stage.disconnectRoute().executionLog();
    execution.received(context);
    return integrate(stage.disconnectRoute(), context).thenApply(outcome -> {
      logAccess(context, outcome.status, outcome.failure);
      return Done.getInstance();
    });
  }

  private static CompiledRoute selectRoute(CompiledStage stage, MessageContext context) {
    // API Gateway: "Non-JSON messages are directed to a $default route".
    if (stage.routeSelection().referencesRequestBody() && context.requestBody() == null) {
      return stage.defaultRoute();
    }
    return stage.route(stage.routeSelection().evaluate(context));
  }

  /** The result of one integration: what the client gets, the status, or why it failed. */
  private record Outcome(ServerMessage reply, int status, String failure) {}

  private CompletionStage<Outcome> integrate(CompiledRoute route, MessageContext context) {
    CompiledIntegration integration = route.integration();
    ConnectionInfo info = context.connection;
    if (integration == null) {
      warnings.warn(kind("no integration", route, context), "Route {} of stage {}/{} has no integration",
          route.routeKey(), info.apiId(), info.stageName());
      execution.failed(context, "configuration error: the route has no integration");
      route.metrics().executionError();
      return done(failure(INTERNAL_ERROR, 500, context));
    }
    CompiledTemplate template = integration.requestTemplate(context);
    if (template == null) {
      if (!integration.passthrough().passesThrough(!integration.requestTemplates().isEmpty())) {
        execution.failed(context, "client error: no request template matches and the passthrough behavior is "
            + integration.passthrough() + ": Unsupported Media Type");
        route.metrics().clientError();
        return done(failure(UNSUPPORTED_MEDIA_TYPE, 415, context));
      }
      return call(route, integration, context, context.body.text());
    }
    // Rendered on the template engine's render threads: a slow template never holds this (a connection's) thread.
    return Templates.renderRequest(template, context)
        .handle((body, error) -> error == null ? call(route, integration, context, body)
            : done(templateFailed("Request", route, error, context)))
        .thenCompose(outcome -> outcome);
  }

  private CompletionStage<Outcome> call(
      CompiledRoute route, CompiledIntegration integration, MessageContext context, String body) {
    IntegrationRequest request = mapRequest(integration, context, body);
    execution.endpointRequest(context, request);
    CompletableFuture<IntegrationResult> call;
    long started = System.nanoTime();
    try {
      call = integration.bulkhead().call(() -> integration.backend().invoke(request));
    } catch (RuntimeException e) {
      call = CompletableFuture.failedFuture(e);
    }
    if (!call.isDone()) {
      // The deadline: once it passes the client gets the timeout frame, the backend's request is cancelled and a
      // late answer is dropped.
      CompletableFuture<IntegrationResult> backendCall = call;
      call = call.copy().orTimeout(Math.max(0, request.remainingNanos()), TimeUnit.NANOSECONDS);
      call.whenComplete((result, error) -> {
        if (error != null) backendCall.cancel(false);
      });
    }
    return call.handle((result, error) -> {
      long nanos = System.nanoTime() - started;
      context.integrationNanos = nanos;
      if (error == null) {
        route.metrics().integrationAnswered(nanos, result.statusCode());
        execution.answered(context, result, nanos);
      }
      return error != null ? done(integrationFailed(route, error, context, nanos))
          : respond(route, integration, result, context);
    }).thenCompose(outcome -> outcome);
  }

  private static IntegrationRequest mapRequest(CompiledIntegration integration, MessageContext context, String body) {
    RequestParameters.Mapped parameters = integration.requestParameters().apply(context);
    return new IntegrationRequest(integration.type(), integration.source(), integration.source().integrationMethod(),
        StageVariables.resolve(integration.source().integrationUri(), context.stage.stageVariables()), body,
        parameters.headers(), parameters.queryString(), Events.of(context),
        System.nanoTime() + integration.timeoutNanos());
  }

  /** A template that failed to render: one log line (route, template line, why), and Internal server error. */
  private Outcome templateFailed(String which, CompiledRoute route, Throwable error, MessageContext context) {
    Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
        ? error.getCause() : error;
    if (!(cause instanceof TemplateRenderException)) {
      log.error(which + " template of route " + route.routeKey() + " failed (" + context.requestId + ")", cause);
    } else {
      warnings.warn(kind(which.toLowerCase(java.util.Locale.ROOT) + " template", route, context),
          "{} template of route {} of stage {}/{} failed ({}): {}", which, route.routeKey(),
          context.stage.apiId(), context.stage.stageName(), context.requestId, cause.getMessage());
    }
    execution.failed(context, "configuration error: Unable to transform " + which.toLowerCase(java.util.Locale.ROOT)
        + ": " + cause.getMessage());
    route.metrics().executionError();
    return failure(INTERNAL_ERROR, 500, context);
  }

  private CompletionStage<Outcome> respond(
      CompiledRoute route, CompiledIntegration integration, IntegrationResult result, MessageContext context) {
    context.integrationResult(result);
    if (!route.twoWay()) return done(new Outcome(NOTHING, result.statusCode(), null));
    if (integration.type().isProxy()) {
      execution.replied(context, result.body());
      return done(new Outcome(new ServerMessage.Text(result.body()), result.statusCode(), null));
    }
    String selected = integration.responseSelection() == null ? Integer.toString(result.statusCode())
        : integration.responseSelection().evaluate(context);
    CompiledIntegrationResponse response = integration.response(selected);
    if (response == null) {
      warnings.warn(kind("no integration response", route, context),
          "No integration response of route {} matches '{}' and there is no $default ({})", route.routeKey(), selected,
          context.requestId);
      execution.failed(context, "configuration error: No match for output mapping and no $default integration"
          + " response ('" + selected + "')");
      route.metrics().executionError();
      return done(failure(INTERNAL_ERROR, 500, context));
    }
    CompiledTemplate template = response.template(context);
    // CONVERT_TO_TEXT: a (binary) answer goes on as the base64 of its bytes (the guide's binary route responses).
    String base64 = response.convertToText() && result.rawBody() != null
        ? Base64.getEncoder().encodeToString(result.rawBody().toArray()) : null;
    String payload = base64 != null ? base64 : result.body();
    if (template == null) return done(reply(route, response, payload, result.statusCode(), context));
    CompletableFuture<String> rendered = base64 != null ? Templates.renderResponse(template, context, base64)
        : Templates.renderResponse(template, context);
    return rendered.handle((body, error) -> error == null
        ? reply(route, response, body, result.statusCode(), context)
        : templateFailed("Response", route, error, context));
  }

  /** The route response: text, or with CONVERT_TO_BINARY the bytes the (base64) payload stands for. */
  private Outcome reply(
      CompiledRoute route, CompiledIntegrationResponse response, String body, int status, MessageContext context) {
    execution.replied(context, body);
    if (!response.convertToBinary()) return new Outcome(new ServerMessage.Text(body), status, null);
    try {
      return new Outcome(new ServerMessage.Binary(ByteString.fromArray(Base64.getMimeDecoder().decode(body))),
          status, null);
    } catch (IllegalArgumentException e) {
      warnings.warn(kind("binary response", route, context),
          "Integration response of route {} ({}) is CONVERT_TO_BINARY but its payload is not base64: {}",
          route.routeKey(), context.requestId, e.getMessage());
      execution.failed(context, "configuration error: Unable to transform response: the payload is not base64");
      route.metrics().executionError();
      return failure(INTERNAL_ERROR, 500, context);
    }
  }

  private Outcome integrationFailed(CompiledRoute route, Throwable error, MessageContext context, long nanos) {
    Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
        ? error.getCause() : error;
    route.metrics().integrationFailed(nanos, cause instanceof TimeoutException);
    if (cause instanceof TimeoutException) {
      execution.failed(context, "a timeout error");
      return failure(TIMED_OUT, 504, context);
    }
    execution.failed(context, "an integration error: " + cause.getMessage());
    if (cause instanceof IntegrationException) {
      warnings.warn(kind("integration", route, context), "Integration of route {} failed ({}): {}", route.routeKey(),
          context.requestId, cause.getMessage());
    } else {
      log.error("Integration of route " + route.routeKey() + " failed (" + context.requestId + ")", cause);
    }
    return failure(INTERNAL_ERROR, 500, context);
  }

  private static Outcome failure(String message, int status, MessageContext context) {
    return new Outcome(errorFrame(message, context.connection, context.requestId), status, message);
  }

  // Rendered here (the context is only read once the event is done); written by the access log's own thread.
  private void logAccess(MessageContext context, int status, String error) {
    execution.completed(context, status);
    AccessLogFormat format = context.stage.accessLog();
    if (format == null) return;
    context.status = status;
    context.errorMessage = error;
    try {
      accessLog.offer(format.loggerName(), format.render(context));
    } catch (RuntimeException e) {
      log.error("Access log line of " + context.requestId + " failed", e); // a bug; the message goes on
    }
  }

  private ServerMessage.Text forbidden(ConnectionInfo info, String requestId) {
    metrics.errorFrame(FORBIDDEN);
    return errorFrame(FORBIDDEN, info, requestId);
  }

  /** API Gateway's error frame for this connection and request (see {@link GatewayMessages#errorFrame}). */
  static ServerMessage.Text errorFrame(String message, ConnectionInfo info, String requestId) {
    return new ServerMessage.Text(GatewayMessages.errorFrame(message, info.connectionId(), requestId));
  }

  private static Map<String, String> singleValued(Map<String, java.util.List<String>> headers) {
    Map<String, String> single = new java.util.LinkedHashMap<>();
    headers.forEach((name, values) -> {
      if (!values.isEmpty()) single.put(name, values.get(0));
    });
    return single;
  }

  // One rate limit per failing route and problem: a route that fails often does not hide another's first failure.
  private static String kind(String problem, CompiledRoute route, MessageContext context) {
    return problem + " " + context.stage.apiId() + "/" + context.stage.stageName() + " " + route.routeKey();
  }

  private static <T> CompletionStage<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
