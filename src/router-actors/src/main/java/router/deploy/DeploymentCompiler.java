package router.deploy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import router.config.ApiConfig;
import router.expression.ExpressionKind;
import router.expression.ResponseKeys;
import router.expression.SelectionExpression;
import router.integration.BackendKind;
import router.integration.Bulkheads;
import router.integration.Bulkhead;
import router.integration.IntegrationBackends;
import router.metrics.RouteMetrics;
import router.metrics.RouterMetrics;
import router.metrics.StageMetrics;
import router.model.Integration;
import router.model.IntegrationResponse;
import router.model.IntegrationType;
import router.model.PassthroughBehavior;
import router.model.Route;
import router.model.RouteResponse;
import router.model.RouteSettings;
import router.model.Stage;
import router.runtime.AccessLogFormat;
import router.runtime.CompiledIntegration;
import router.runtime.CompiledIntegrationResponse;
import router.runtime.CompiledRoute;
import router.runtime.CompiledStage;
import router.runtime.ExecutionLog;
import router.runtime.RequestParameters;
import router.template.CompiledTemplate;
import router.template.TemplateEngine;

/**
 * Compiles a deployed stage into a {@link CompiledStage}: parses every selection expression and mapping template
 * once, resolves route targets and integration backends, orders integration responses for matching, and binds the
 * stage's and routes' counters so the data plane never looks a counter up.
 */
public final class DeploymentCompiler implements StageCompiler {
  private static final String DEFAULT_KEY = "$default";
  private static final String CONNECT = "$connect";
  private static final String DISCONNECT = "$disconnect";

  private final TemplateEngine templates;
  private final IntegrationBackends backends;
  private final Bulkheads bulkheads;
  private final RouterMetrics metrics;

  public DeploymentCompiler(TemplateEngine templates, IntegrationBackends backends) {
    this(templates, backends, Bulkheads.defaults());
  }

  public DeploymentCompiler(TemplateEngine templates, IntegrationBackends backends, Bulkheads bulkheads) {
    this(templates, backends, bulkheads, RouterMetrics.NONE);
  }

  public DeploymentCompiler(
      TemplateEngine templates, IntegrationBackends backends, Bulkheads bulkheads, RouterMetrics metrics) {
    this.templates = templates;
    this.backends = backends;
    this.bulkheads = bulkheads;
    this.metrics = metrics;
  }

  @Override
  public CompiledStage compile(DeployedStage deployed) {
    long started = System.nanoTime();
    try {
      return compileStage(deployed);
    } finally {
      metrics.stageCompiled(System.nanoTime() - started);
    }
  }

  private CompiledStage compileStage(DeployedStage deployed) {
    ApiConfig config = deployed.config();
    Map<String, CompiledIntegration> integrations = new HashMap<>();
    config.integrations().forEach((id, integration) ->
        integrations.put(id, integration(deployed.apiId(), integration, config.responsesOfIntegration(id))));
    Map<String, CompiledRoute> messageRoutes = new HashMap<>();
    CompiledRoute connect = null;
    CompiledRoute disconnect = null;
    CompiledRoute defaultRoute = null;
    String apiId = deployed.apiId();
    String stageName = deployed.stage().stageName();
    for (Route route : config.routes().values()) {
      String integrationId = route.targetIntegrationId();
      CompiledIntegration integration = integrationId == null ? null : integrations.get(integrationId);
      RouteMetrics routeMetrics = metrics.route(apiId, stageName, route.routeKey(),
          detailedMetrics(deployed.stage(), route.routeKey()),
          integration == null ? null : BackendKind.of(integration.source()).name());
      CompiledRoute compiled = new CompiledRoute(route.routeId(), route.routeKey(), integration,
          isTwoWay(route, config.responsesOfRoute(route.routeId())), routeMetrics,
          executionLog(apiId, deployed.stage(), route.routeKey()));
      switch (route.routeKey()) {
        case CONNECT -> connect = compiled;
        case DISCONNECT -> disconnect = compiled;
        case DEFAULT_KEY -> defaultRoute = compiled;
        default -> messageRoutes.put(route.routeKey(), compiled);
      }
    }
    Map<String, String> stageVariables = deployed.stage().stageVariables() == null ? Map.of()
        : Map.copyOf(deployed.stage().stageVariables());
    StageMetrics stageMetrics = metrics.stage(apiId, stageName);
    return new CompiledStage(apiId, stageName, deployed.deployment().deploymentId(),
        SelectionExpression.parse(config.api().routeSelectionExpression(), ExpressionKind.ROUTE_SELECTION),
        Map.copyOf(messageRoutes), defaultRoute, connect, disconnect, stageVariables, stageMetrics,
        AccessLogFormat.compile(deployed.stage().accessLogSettings()), executionLog(apiId, deployed.stage(), null));
  }

  // A route's loggingLevel and dataTraceEnabled: its routeSettings over the stage's defaultRouteSettings.
  private static ExecutionLog executionLog(String apiId, Stage stage, String routeKey) {
    RouteSettings route = routeKey == null || stage.routeSettings() == null ? null
        : stage.routeSettings().get(routeKey);
    return ExecutionLog.of(apiId, stage.stageName(), stage.defaultRouteSettings(), route);
  }

  // API Gateway counts a route apart (the Route dimension) only when its route settings, or the stage's default
  // route settings, have DetailedMetricsEnabled.
  private static boolean detailedMetrics(Stage stage, String routeKey) {
    RouteSettings route = stage.routeSettings() == null ? null : stage.routeSettings().get(routeKey);
    if (route != null && route.detailedMetricsEnabled() != null) return route.detailedMetricsEnabled();
    RouteSettings defaults = stage.defaultRouteSettings();
    return defaults != null && Boolean.TRUE.equals(defaults.detailedMetricsEnabled());
  }

  // API Gateway: "If a route has a route response, it is configured for two-way communication"; the route
  // response selection expression is restricted to $default, so both must be present.
  private static boolean isTwoWay(Route route, Map<String, RouteResponse> responses) {
    return DEFAULT_KEY.equals(route.routeResponseSelectionExpression())
        && responses.values().stream().anyMatch(r -> DEFAULT_KEY.equals(r.routeResponseKey()));
  }

  private CompiledIntegration integration(
      String apiId, Integration source, Map<String, IntegrationResponse> responses) {
    IntegrationType type = IntegrationType.valueOf(source.integrationType());
    BackendKind kind = BackendKind.of(source);
    List<CompiledIntegrationResponse> patterns = new ArrayList<>();
    CompiledIntegrationResponse defaultResponse = null;
    for (IntegrationResponse response : responses.values()) {
      CompiledIntegrationResponse compiled = new CompiledIntegrationResponse(response.integrationResponseKey(),
          ResponseKeys.pattern(response.integrationResponseKey()),
          templates("integration response " + response.integrationResponseKey(), response.responseTemplates()),
          expression(response.templateSelectionExpression(), ExpressionKind.RESPONSE_TEMPLATE_SELECTION),
          "CONVERT_TO_BINARY".equals(response.contentHandlingStrategy()),
          "CONVERT_TO_TEXT".equals(response.contentHandlingStrategy()));
      if (compiled.pattern() == null) defaultResponse = compiled;
      else patterns.add(compiled);
    }
    return new CompiledIntegration(source, type, PassthroughBehavior.valueOf(source.passthroughBehavior()),
        expression(source.templateSelectionExpression(), ExpressionKind.TEMPLATE_SELECTION),
        templates("integration " + source.integrationId(), source.requestTemplates()),
        expression(source.integrationResponseSelectionExpression(), ExpressionKind.INTEGRATION_RESPONSE_SELECTION),
        List.copyOf(patterns), defaultResponse, RequestParameters.compile(source.requestParameters()),
        backends.of(kind), bulkhead(apiId, source.integrationId(), kind),
        TimeUnit.MILLISECONDS.toNanos(source.timeoutInMillis()));
  }

  private Bulkhead bulkhead(String apiId, String integrationId, BackendKind kind) {
    Bulkhead bulkhead = bulkheads.of(apiId, integrationId, kind);
    if (bulkhead != Bulkhead.NONE) metrics.bulkhead(apiId, integrationId, bulkhead::active, bulkhead::waiting);
    return bulkhead;
  }

  private Map<String, CompiledTemplate> templates(String owner, Map<String, String> sources) {
    if (sources == null || sources.isEmpty()) return Map.of();
    Map<String, CompiledTemplate> compiled = new LinkedHashMap<>();
    sources.forEach((key, source) -> compiled.put(key, templates.compile(owner + " template " + key, source)));
    return Collections.unmodifiableMap(compiled);
  }

  private static SelectionExpression expression(String source, ExpressionKind kind) {
    return source == null ? null : SelectionExpression.parse(source, kind);
  }
}
