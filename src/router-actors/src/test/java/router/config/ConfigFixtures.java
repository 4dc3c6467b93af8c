package router.config;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import router.model.Api;
import router.model.Integration;
import router.model.IntegrationResponse;
import router.model.Route;
import router.model.RouteResponse;
import router.model.RouteSettings;
import router.model.Stage;
import router.template.TemplateEngine;

/**
 * Inputs for the control-plane rules, shaped as the apigatewayv2 requests that carry them (null = field not sent),
 * and a {@link Bench} that runs commands against an {@link ApiState} the way the entity does.
 */
public final class ConfigFixtures {
  public static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
  public static final String ECHO_TEMPLATE = "{\"statusCode\": 200}";

  private ConfigFixtures() {}

  /** Commands with the real compiling checks, sequential ids and a fixed clock. */
  public static ApiCommands commands() {
    return new ApiCommands(new CompilingChecks(new TemplateEngine()), new SequentialIds(), () -> NOW);
  }

  public static Api websocketApi(String name) {
    return api(name, "WEBSOCKET", "$request.body.action");
  }

  public static Api api(String name, String protocolType, String routeSelectionExpression) {
    return new Api(null, name, protocolType, routeSelectionExpression, null, null, null, null, null, null, null,
        null, null, null, null);
  }

  public static Route route(String routeKey) {
    return new RouteSpec().routeKey(routeKey).build();
  }

  public static Route route(String routeKey, String integrationId) {
    return new RouteSpec().routeKey(routeKey).target("integrations/" + integrationId).build();
  }

  public static Integration mock() {
    return new IntegrationSpec().type("MOCK").build();
  }

  public static IntegrationResponse integrationResponse(String key) {
    return new IntegrationResponse(null, key, null, null, null, null);
  }

  public static RouteResponse routeResponse(String key) {
    return new RouteResponse(null, key, null, null, null);
  }

  public static Stage stage(String name) {
    return new StageSpec().name(name).build();
  }

  public static Stage autoDeployStage(String name) {
    return new StageSpec().name(name).autoDeploy(true).build();
  }

  /** Runs commands one after the other, applying each decision's events as the entity's event handler does. */
  public static final class Bench {
    public final ApiCommands commands;
    public ApiState state = ApiState.EMPTY;
    public List<ApiEvent> lastEvents = List.of();

    public Bench() {
      this(commands());
    }

    public Bench(ApiCommands commands) {
      this.commands = commands;
    }

    /** Decides against the current state, applies the events, and returns the decision's id. */
    public String run(Function<ApiState, Decision> command) {
      Decision decision = command.apply(state);
      for (ApiEvent event : decision.events()) state = state.apply(event);
      lastEvents = decision.events();
      return decision.id();
    }

    /** A WebSocket API named {@code name}. */
    public Bench withApi() {
      run(s -> commands.createApi(s, "api1", websocketApi("chat")));
      return this;
    }

    public String integration(Integration integration) {
      return run(s -> commands.createIntegration(s, integration));
    }

    public String route(Route route) {
      return run(s -> commands.createRoute(s, route));
    }

    public String stage(Stage stage) {
      return run(s -> commands.createStage(s, stage));
    }

    public String deploy(String stageName) {
      return run(s -> commands.createDeployment(s, stageName, null));
    }

    public List<Class<?>> lastEventTypes() {
      List<Class<?>> types = new ArrayList<>();
      lastEvents.forEach(e -> types.add(e.getClass()));
      return types;
    }
  }

  /** A CreateRoute / UpdateRoute body. */
  public static final class RouteSpec {
    private String routeKey;
    private String target;
    private String routeResponseSelectionExpression;
    private String authorizationType;
    private String modelSelectionExpression;

    public RouteSpec routeKey(String value) {
      routeKey = value;
      return this;
    }

    public RouteSpec target(String value) {
      target = value;
      return this;
    }

    public RouteSpec routeResponseSelectionExpression(String value) {
      routeResponseSelectionExpression = value;
      return this;
    }

    public RouteSpec authorizationType(String value) {
      authorizationType = value;
      return this;
    }

    public RouteSpec modelSelectionExpression(String value) {
      modelSelectionExpression = value;
      return this;
    }

    public Route build() {
      return new Route(null, routeKey, target, routeResponseSelectionExpression, null, authorizationType, null,
          null, modelSelectionExpression, null, null, null, null);
    }
  }

  /** A CreateIntegration / UpdateIntegration body. */
  public static final class IntegrationSpec {
    private String type;
    private String method;
    private String uri;
    private String connectionType;
    private String connectionId;
    private String passthroughBehavior;
    private Map<String, String> requestTemplates;
    private String templateSelectionExpression;
    private Map<String, String> requestParameters;
    private String contentHandlingStrategy;
    private Integer timeoutInMillis;
    private String integrationResponseSelectionExpression;
    private String payloadFormatVersion;

    public IntegrationSpec type(String value) {
      type = value;
      return this;
    }

    public IntegrationSpec method(String value) {
      method = value;
      return this;
    }

    public IntegrationSpec uri(String value) {
      uri = value;
      return this;
    }

    public IntegrationSpec connectionType(String value) {
      connectionType = value;
      return this;
    }

    public IntegrationSpec connectionId(String value) {
      connectionId = value;
      return this;
    }

    public IntegrationSpec passthroughBehavior(String value) {
      passthroughBehavior = value;
      return this;
    }

    public IntegrationSpec requestTemplates(Map<String, String> value) {
      requestTemplates = value;
      return this;
    }

    public IntegrationSpec templateSelectionExpression(String value) {
      templateSelectionExpression = value;
      return this;
    }

    public IntegrationSpec requestParameters(Map<String, String> value) {
      requestParameters = value;
      return this;
    }

    public IntegrationSpec contentHandlingStrategy(String value) {
      contentHandlingStrategy = value;
      return this;
    }

    public IntegrationSpec timeoutInMillis(Integer value) {
      timeoutInMillis = value;
      return this;
    }

    public IntegrationSpec integrationResponseSelectionExpression(String value) {
      integrationResponseSelectionExpression = value;
      return this;
    }

    public IntegrationSpec payloadFormatVersion(String value) {
      payloadFormatVersion = value;
      return this;
    }

    public Integration build() {
      return new Integration(null, type, method, uri, connectionType, connectionId, null, passthroughBehavior,
          requestTemplates, templateSelectionExpression, requestParameters, null, contentHandlingStrategy,
          timeoutInMillis, integrationResponseSelectionExpression, payloadFormatVersion, null, null, null, null);
    }
  }

  /** A CreateStage / UpdateStage body. */
  public static final class StageSpec {
    private String name;
    private String deploymentId;
    private Boolean autoDeploy;
    private Map<String, String> stageVariables;
    private RouteSettings defaultRouteSettings;
    private Map<String, RouteSettings> routeSettings;

    public StageSpec name(String value) {
      name = value;
      return this;
    }

    public StageSpec deploymentId(String value) {
      deploymentId = value;
      return this;
    }

    public StageSpec autoDeploy(Boolean value) {
      autoDeploy = value;
      return this;
    }

    public StageSpec stageVariables(Map<String, String> value) {
      stageVariables = value;
      return this;
    }

    public StageSpec defaultRouteSettings(RouteSettings value) {
      defaultRouteSettings = value;
      return this;
    }

    public StageSpec routeSettings(Map<String, RouteSettings> value) {
      routeSettings = value;
      return this;
    }

    public Stage build() {
      return new Stage(name, deploymentId, null, autoDeploy, stageVariables, defaultRouteSettings, routeSettings,
          null, null, null, null, null, null, null);
    }
  }
}
