package router.config;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import router.model.Api;
import router.model.Integration;
import router.model.IntegrationResponse;
import router.model.Route;
import router.model.RouteResponse;
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
    return Api.builder().name(name).protocolType(protocolType).routeSelectionExpression(routeSelectionExpression)
        .build();
  }

  public static Route route(String routeKey) {
    return Route.builder().routeKey(routeKey).build();
  }

  public static Route route(String routeKey, String integrationId) {
    return Route.builder().routeKey(routeKey).target("integrations/" + integrationId).build();
  }

  /** A CreateIntegration / UpdateIntegration body of the given type, to add fields to. */
  public static Integration.Builder integration(String type) {
    return Integration.builder().integrationType(type);
  }

  public static Integration mock() {
    return Integration.builder().integrationType("MOCK").build();
  }

  public static IntegrationResponse integrationResponse(String key) {
    return new IntegrationResponse(null, key, null, null, null, null);
  }

  public static RouteResponse routeResponse(String key) {
    return new RouteResponse(null, key, null, null, null);
  }

  public static Stage stage(String name) {
    return Stage.builder().stageName(name).build();
  }

  public static Stage autoDeployStage(String name) {
    return Stage.builder().stageName(name).autoDeploy(true).build();
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
      run(s -> commands.apis().create(s, "api1", websocketApi("chat")));
      return this;
    }

    public String integration(Integration integration) {
      return run(s -> commands.integrations().create(s, integration));
    }

    public String route(Route route) {
      return run(s -> commands.routes().create(s, route));
    }

    public String stage(Stage stage) {
      return run(s -> commands.stages().create(s, stage));
    }

    public String deploy(String stageName) {
      return run(s -> commands.deployments().create(s, stageName, null));
    }

    public List<Class<?>> lastEventTypes() {
      List<Class<?>> types = new ArrayList<>();
      lastEvents.forEach(e -> types.add(e.getClass()));
      return types;
    }
  }
}
