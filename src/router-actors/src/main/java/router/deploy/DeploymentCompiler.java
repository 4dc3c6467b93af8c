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
import router.integration.IntegrationBackends;
import router.model.Integration;
import router.model.IntegrationResponse;
import router.model.IntegrationType;
import router.model.PassthroughBehavior;
import router.model.Route;
import router.model.RouteResponse;
import router.runtime.CompiledIntegration;
import router.runtime.CompiledIntegrationResponse;
import router.runtime.CompiledRoute;
import router.runtime.CompiledStage;
import router.runtime.RequestParameters;
import router.template.CompiledTemplate;
import router.template.TemplateEngine;

/**
 * Compiles a deployed stage into a {@link CompiledStage}: parses every selection expression and mapping template
 * once, resolves route targets and integration backends, orders integration responses for matching.
 */
public final class DeploymentCompiler implements StageCompiler {
  private static final String DEFAULT_KEY = "$default";
  private static final String CONNECT = "$connect";
  private static final String DISCONNECT = "$disconnect";

  private final TemplateEngine templates;
  private final IntegrationBackends backends;
  private final Bulkheads bulkheads;

  public DeploymentCompiler(TemplateEngine templates, IntegrationBackends backends) {
    this(templates, backends, Bulkheads.defaults());
  }

  public DeploymentCompiler(TemplateEngine templates, IntegrationBackends backends, Bulkheads bulkheads) {
    this.templates = templates;
    this.backends = backends;
    this.bulkheads = bulkheads;
  }

  @Override
  public CompiledStage compile(DeployedStage deployed) {
    ApiConfig config = deployed.config();
    Map<String, CompiledIntegration> integrations = new HashMap<>();
    config.integrations().forEach((id, integration) ->
        integrations.put(id, integration(deployed.apiId(), integration, config.responsesOfIntegration(id))));
    Map<String, CompiledRoute> messageRoutes = new HashMap<>();
    CompiledRoute connect = null;
    CompiledRoute disconnect = null;
    CompiledRoute defaultRoute = null;
    for (Route route : config.routes().values()) {
      String integrationId = route.targetIntegrationId();
      CompiledRoute compiled = new CompiledRoute(route.routeId(), route.routeKey(),
          integrationId == null ? null : integrations.get(integrationId),
          isTwoWay(route, config.responsesOfRoute(route.routeId())));
      switch (route.routeKey()) {
        case CONNECT -> connect = compiled;
        case DISCONNECT -> disconnect = compiled;
        case DEFAULT_KEY -> defaultRoute = compiled;
        default -> messageRoutes.put(route.routeKey(), compiled);
      }
    }
    Map<String, String> stageVariables = deployed.stage().stageVariables() == null ? Map.of()
        : Map.copyOf(deployed.stage().stageVariables());
    return new CompiledStage(deployed.apiId(), deployed.stage().stageName(),
        deployed.deployment().deploymentId(),
        SelectionExpression.parse(config.api().routeSelectionExpression(), ExpressionKind.ROUTE_SELECTION),
        Map.copyOf(messageRoutes), defaultRoute, connect, disconnect, stageVariables);
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
          expression(response.templateSelectionExpression(), ExpressionKind.RESPONSE_TEMPLATE_SELECTION));
      if (compiled.pattern() == null) defaultResponse = compiled;
      else patterns.add(compiled);
    }
    return new CompiledIntegration(source, type, PassthroughBehavior.valueOf(source.passthroughBehavior()),
        expression(source.templateSelectionExpression(), ExpressionKind.TEMPLATE_SELECTION),
        templates("integration " + source.integrationId(), source.requestTemplates()),
        expression(source.integrationResponseSelectionExpression(), ExpressionKind.INTEGRATION_RESPONSE_SELECTION),
        List.copyOf(patterns), defaultResponse, RequestParameters.compile(source.requestParameters()),
        backends.of(kind), bulkheads.of(apiId, source.integrationId(), kind),
        TimeUnit.MILLISECONDS.toNanos(source.timeoutInMillis()));
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
