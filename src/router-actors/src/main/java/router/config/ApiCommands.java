package router.config;

import static router.config.Vocabulary.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import router.errors.BadRequestException;
import router.errors.ConflictException;
import router.errors.NotFoundException;
import router.model.Api;
import router.model.Deployment;
import router.model.Integration;
import router.model.IntegrationResponse;
import router.model.Route;
import router.model.RouteResponse;
import router.model.RouteSettings;
import router.model.Stage;

/**
 * The rules of the apigatewayv2 control plane for WebSocket APIs, as pure functions: each validates a command
 * against the current {@link ApiState} and either throws an API Gateway-shaped error or returns the events to
 * persist. Changes to routes, integrations and their responses also redeploy every stage with {@code autoDeploy}.
 */
public final class ApiCommands {
  private static final int MAX_NAME = 128;
  private static final int MAX_DESCRIPTION = 1024;
  private static final int MAX_VERSION = 64;
  private static final int MAX_ROUTE_KEY = 128;
  private static final int MAX_OPERATION_NAME = 64;
  private static final int MAX_URI = 2048;
  private static final int MAX_TEMPLATE_KEY = 255;
  private static final int MAX_STAGE_VARIABLE_VALUE = 2048;
  private static final Pattern STAGE_NAME = Pattern.compile("[A-Za-z0-9_\\-]{1,128}");
  private static final Pattern STAGE_VARIABLE_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");
  private static final Pattern STAGE_VARIABLE_VALUE = Pattern.compile("[A-Za-z0-9\\-._~:/?#&=,]*");
  private static final Pattern REQUEST_PARAMETER_KEY =
      Pattern.compile("integration\\.request\\.(header|querystring|path)\\.[^\\s]+");
  private static final Pattern REQUEST_PARAMETER_VALUE = Pattern.compile(
      "'[^']*'|route\\.request\\.(header|querystring|path)\\.[^\\s]+|route\\.request\\.body\\.[^\\s]+"
          + "|context\\.[A-Za-z0-9_.]+|stageVariables\\.[A-Za-z0-9_]+");

  private final ConfigChecks checks;
  private final IdSource ids;
  private final Supplier<Instant> clock;

  public ApiCommands(ConfigChecks checks, IdSource ids, Supplier<Instant> clock) {
    this.checks = checks;
    this.ids = ids;
    this.clock = clock;
  }

  // ---- APIs -------------------------------------------------------------------------------------------------

  public Decision createApi(ApiState state, String apiId, Api input) {
    if (state.config() != null) throw new ConflictException("Api " + apiId + " already exists");
    require(input.name(), "name");
    length("name", input.name(), 1, MAX_NAME);
    require(input.protocolType(), "protocolType");
    if (HTTP.equals(input.protocolType())) {
      throw new BadRequestException(
          "Unsupported protocol type HTTP: this gateway serves WebSocket APIs only (protocolType WEBSOCKET)");
    }
    if (!WEBSOCKET.equals(input.protocolType())) {
      throw new BadRequestException("Invalid protocol type specified: " + input.protocolType());
    }
    if (input.routeSelectionExpression() == null) {
      throw new BadRequestException("Route selection expression is required for WebSocket APIs");
    }
    Api api = validateApiFields(input);
    Api created = new Api(apiId, api.name(), WEBSOCKET, api.routeSelectionExpression(),
        orDefault(api.apiKeySelectionExpression(), DEFAULT_API_KEY_SELECTION), api.description(),
        orDefault(api.disableSchemaValidation(), false), orDefault(api.disableExecuteApiEndpoint(), false),
        api.version(), orDefault(api.ipAddressType(), "ipv4"), orDefault(api.tags(), Map.of()), now(), null,
        null, null);
    return new Decision(List.of(new ApiEvent.ApiCreated(created)), apiId);
  }

  public Decision updateApi(ApiState state, Api patch) {
    ApiConfig config = existing(state);
    Api merged = config.api().merge(validateApiFields(patch));
    // API Gateway: with autoDeploy, "updates to an API automatically trigger a new deployment" (a new route
    // selection expression must reach the stage like a new route does).
    return autoDeploy(state, new ApiEvent.ApiUpdated(merged), merged.apiId());
  }

  public Decision deleteApi(ApiState state) {
    ApiConfig config = existing(state);
    return new Decision(List.of(new ApiEvent.ApiDeleted(config.api().apiId())), null);
  }

  private Api validateApiFields(Api api) {
    if (api.name() != null) length("name", api.name(), 1, MAX_NAME);
    if (api.description() != null) length("description", api.description(), 0, MAX_DESCRIPTION);
    if (api.version() != null) length("version", api.version(), 1, MAX_VERSION);
    if (api.routeSelectionExpression() != null) checks.routeSelectionExpression(api.routeSelectionExpression());
    if (api.apiKeySelectionExpression() != null) checks.apiKeySelectionExpression(api.apiKeySelectionExpression());
    if (api.ipAddressType() != null) oneOf("ipAddressType", api.ipAddressType(), IP_ADDRESS_TYPES);
    return api;
  }

  // ---- Routes -----------------------------------------------------------------------------------------------

  public Decision createRoute(ApiState state, Route input) {
    ApiConfig config = existing(state);
    require(input.routeKey(), "routeKey");
    validateRoute(config, input, null);
    String id = unique(ids::routeId, config.routes());
    Route route = input.withRouteId(id).withDefaults();
    return autoDeploy(state, new ApiEvent.RouteCreated(route), id);
  }

  public Decision updateRoute(ApiState state, String routeId, Route patch) {
    ApiConfig config = existing(state);
    Route current = route(config, routeId);
    validateRoute(config, patch, routeId);
    return autoDeploy(state, new ApiEvent.RouteUpdated(current.merge(patch)), routeId);
  }

  public Decision deleteRoute(ApiState state, String routeId) {
    ApiConfig config = existing(state);
    route(config, routeId);
    return autoDeploy(state, new ApiEvent.RouteDeleted(routeId), null);
  }

  private void validateRoute(ApiConfig config, Route route, String selfId) {
    String key = route.routeKey();
    if (key != null) {
      length("routeKey", key, 1, MAX_ROUTE_KEY);
      if (key.startsWith("$") && !RESERVED_ROUTE_KEYS.contains(key)) {
        throw new BadRequestException("Route key " + key
            + " is invalid: only $connect, $disconnect and $default may begin with '$'; custom route keys may not");
      }
      uniqueKey(config.routes(), Route::routeKey, key, selfId, "Route", "this API");
    }
    if (route.target() != null) {
      String integrationId = route.targetIntegrationId();
      if (integrationId == null) {
        throw new BadRequestException(
            "Invalid target specified: " + route.target() + ". A target must be integrations/{integrationId}");
      }
      if (!config.integrations().containsKey(integrationId)) {
        throw new BadRequestException(
            "Invalid target specified: " + route.target() + ". No integration " + integrationId + " in this API");
      }
    }
    if (route.routeResponseSelectionExpression() != null
        && !DEFAULT_KEY.equals(route.routeResponseSelectionExpression())) {
      throw new BadRequestException("Route response selection expression "
          + route.routeResponseSelectionExpression() + " is invalid: WebSocket APIs support only $default");
    }
    if (route.authorizationType() != null) {
      oneOf("authorizationType", route.authorizationType(), AUTHORIZATION_TYPES);
      if ("CUSTOM".equals(route.authorizationType())) {
        throw new BadRequestException("Invalid authorizer identifier specified: " + route.authorizerId());
      }
    }
    if (route.operationName() != null) length("operationName", route.operationName(), 1, MAX_OPERATION_NAME);
    if (route.modelSelectionExpression() != null) checks.modelSelectionExpression(route.modelSelectionExpression());
  }

  // ---- Route responses --------------------------------------------------------------------------------------

  public Decision createRouteResponse(ApiState state, String routeId, RouteResponse input) {
    ApiConfig config = existing(state);
    route(config, routeId);
    require(input.routeResponseKey(), "routeResponseKey");
    Map<String, RouteResponse> responses = config.responsesOfRoute(routeId);
    validateRouteResponse(responses, input, null);
    String id = unique(ids::shortId, responses);
    return autoDeploy(state, new ApiEvent.RouteResponseCreated(routeId, input.withId(id)), id);
  }

  public Decision updateRouteResponse(ApiState state, String routeId, String responseId, RouteResponse patch) {
    ApiConfig config = existing(state);
    route(config, routeId);
    RouteResponse current = routeResponse(config, routeId, responseId);
    validateRouteResponse(config.responsesOfRoute(routeId), patch, responseId);
    return autoDeploy(state, new ApiEvent.RouteResponseUpdated(routeId, current.merge(patch)), responseId);
  }

  public Decision deleteRouteResponse(ApiState state, String routeId, String responseId) {
    ApiConfig config = existing(state);
    route(config, routeId);
    routeResponse(config, routeId, responseId);
    return autoDeploy(state, new ApiEvent.RouteResponseDeleted(routeId, responseId), null);
  }

  private void validateRouteResponse(Map<String, RouteResponse> siblings, RouteResponse response, String selfId) {
    String key = response.routeResponseKey();
    if (key == null) return;
    if (!DEFAULT_KEY.equals(key)) {
      throw new BadRequestException(
          "Route response key " + key + " is invalid: WebSocket APIs support only the $default route response");
    }
    uniqueKey(siblings, RouteResponse::routeResponseKey, key, selfId, "Route response", "this route");
    if (response.modelSelectionExpression() != null) {
      checks.modelSelectionExpression(response.modelSelectionExpression());
    }
  }

  // ---- Integrations -----------------------------------------------------------------------------------------

  public Decision createIntegration(ApiState state, Integration input) {
    ApiConfig config = existing(state);
    require(input.integrationType(), "integrationType");
    Integration integration = withIntegrationDefaults(validateIntegrationFields(input));
    validateIntegrationWhole(integration);
    String id = unique(ids::integrationId, config.integrations());
    return autoDeploy(state, new ApiEvent.IntegrationCreated(integration.withIntegrationId(id)), id);
  }

  public Decision updateIntegration(ApiState state, String integrationId, Integration patch) {
    ApiConfig config = existing(state);
    Integration current = integration(config, integrationId);
    Integration merged = current.merge(validateIntegrationFields(patch));
    if (patch.integrationType() != null && !patch.integrationType().equals(current.integrationType())) {
      // The default response selection follows the type unless the caller chose one.
      merged = withIntegrationDefaults(blankResponseSelection(patch, merged, current.integrationType()));
    }
    validateIntegrationWhole(merged);
    return autoDeploy(state, new ApiEvent.IntegrationUpdated(merged), integrationId);
  }

  public Decision deleteIntegration(ApiState state, String integrationId) {
    ApiConfig config = existing(state);
    integration(config, integrationId);
    for (Route route : config.routes().values()) {
      if (integrationId.equals(route.targetIntegrationId())) {
        throw new ConflictException("Integration " + integrationId + " is the target of route "
            + route.routeKey() + " (" + route.routeId() + "); change or delete the route first");
      }
    }
    return autoDeploy(state, new ApiEvent.IntegrationDeleted(integrationId), null);
  }

  private Integration validateIntegrationFields(Integration in) {
    if (in.integrationType() != null) oneOf("integrationType", in.integrationType(), INTEGRATION_TYPES);
    if (in.passthroughBehavior() != null) {
      oneOf("passthroughBehavior", in.passthroughBehavior(), PASSTHROUGH_BEHAVIORS);
    }
    if (in.connectionType() != null) oneOf("connectionType", in.connectionType(), CONNECTION_TYPES);
    if (in.contentHandlingStrategy() != null) {
      oneOf("contentHandlingStrategy", in.contentHandlingStrategy(), CONTENT_HANDLING_STRATEGIES);
    }
    if (in.timeoutInMillis() != null
        && (in.timeoutInMillis() < MIN_TIMEOUT_MILLIS || in.timeoutInMillis() > MAX_TIMEOUT_MILLIS)) {
      throw new BadRequestException("Invalid timeoutInMillis " + in.timeoutInMillis()
          + ": the integration timeout must be between 50 milliseconds and 29 seconds (50-29000)");
    }
    if (in.integrationMethod() != null) oneOf("integrationMethod", in.integrationMethod(), HTTP_METHODS);
    if (in.integrationUri() != null) length("integrationUri", in.integrationUri(), 1, MAX_URI);
    if (in.description() != null) length("description", in.description(), 0, MAX_DESCRIPTION);
    if (in.payloadFormatVersion() != null && !PAYLOAD_FORMAT_VERSION.equals(in.payloadFormatVersion())) {
      throw new BadRequestException("Invalid payloadFormatVersion " + in.payloadFormatVersion()
          + ": WebSocket APIs support only 1.0");
    }
    if (in.integrationSubtype() != null) {
      throw new BadRequestException("integrationSubtype is supported only for HTTP APIs");
    }
    if (in.requestTemplates() != null) {
      templateKeys("requestTemplates", in.requestTemplates());
      checks.templates("requestTemplates", in.requestTemplates());
    }
    if (in.templateSelectionExpression() != null) {
      checks.templateSelectionExpression(in.templateSelectionExpression());
    }
    if (in.integrationResponseSelectionExpression() != null) {
      checks.integrationResponseSelectionExpression(in.integrationResponseSelectionExpression());
    }
    if (in.requestParameters() != null) {
      in.requestParameters().forEach((key, value) -> {
        if (!REQUEST_PARAMETER_KEY.matcher(key).matches()) {
          throw new BadRequestException("Invalid mapping expression specified: " + key
              + ". Keys must be integration.request.{header|querystring|path}.{name}");
        }
        if (value == null || !REQUEST_PARAMETER_VALUE.matcher(value).matches()) {
          throw new BadRequestException("Invalid mapping expression specified: " + value + " for " + key);
        }
      });
    }
    return in;
  }

  /** Rules that need the whole integration (after defaults and merge). */
  private void validateIntegrationWhole(Integration in) {
    String type = in.integrationType();
    if (!"MOCK".equals(type) && in.integrationUri() == null) {
      throw new BadRequestException("Integration URI is required for integration type " + type);
    }
    if ((type.startsWith("HTTP")) && in.integrationUri() != null && !in.integrationUri().startsWith("http://")
        && !in.integrationUri().startsWith("https://") && !in.integrationUri().startsWith("${stageVariables.")) {
      throw new BadRequestException(
          "Invalid integration URI specified: " + in.integrationUri() + ". HTTP integrations need an http(s) URL");
    }
    if ((type.equals("AWS") || type.equals("AWS_PROXY")) && !in.integrationUri().startsWith("arn:")) {
      throw new BadRequestException(
          "Invalid integration URI specified: " + in.integrationUri() + ". AWS integrations need an ARN");
    }
    if (type.startsWith("HTTP") && in.integrationMethod() == null) {
      throw new BadRequestException("An integration method is required for integration type " + type);
    }
    if ("VPC_LINK".equals(in.connectionType()) && in.connectionId() == null) {
      throw new BadRequestException("A connectionId (the VPC link id) is required when connectionType is VPC_LINK");
    }
  }

  private static Integration withIntegrationDefaults(Integration in) {
    String type = in.integrationType();
    String responseSelection = defaultResponseSelection(type);
    Integration withMethod = "AWS_PROXY".equals(type) && in.integrationMethod() == null
        ? in.merge(methodOnly("POST")) : in;
    return withMethod.withDefaults(DEFAULT_CONNECTION_TYPE, DEFAULT_PASSTHROUGH, MAX_TIMEOUT_MILLIS,
        PAYLOAD_FORMAT_VERSION, responseSelection);
  }

  private static String defaultResponseSelection(String type) {
    return PROXY_INTEGRATION_TYPES.contains(type) ? null
        : "AWS".equals(type) ? ERROR_MESSAGE_SELECTION : STATUS_CODE_SELECTION;
  }

  private static Integration methodOnly(String method) {
    return new Integration(null, null, method, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null);
  }

  // When the type changes and the caller did not pick a response selection, drop the old type's default.
  private static Integration blankResponseSelection(Integration patch, Integration merged, String oldType) {
    if (patch.integrationResponseSelectionExpression() != null
        || !java.util.Objects.equals(merged.integrationResponseSelectionExpression(),
            defaultResponseSelection(oldType))) {
      return merged;
    }
    return new Integration(merged.integrationId(), merged.integrationType(), merged.integrationMethod(),
        merged.integrationUri(), merged.connectionType(), merged.connectionId(), merged.credentialsArn(),
        merged.passthroughBehavior(), merged.requestTemplates(), merged.templateSelectionExpression(),
        merged.requestParameters(), merged.responseParameters(), merged.contentHandlingStrategy(),
        merged.timeoutInMillis(), null, merged.payloadFormatVersion(), merged.description(),
        merged.integrationSubtype(), merged.tlsConfig(), merged.apiGatewayManaged());
  }

  // ---- Integration responses --------------------------------------------------------------------------------

  public Decision createIntegrationResponse(ApiState state, String integrationId, IntegrationResponse input) {
    ApiConfig config = existing(state);
    integration(config, integrationId);
    require(input.integrationResponseKey(), "integrationResponseKey");
    Map<String, IntegrationResponse> responses = config.responsesOfIntegration(integrationId);
    validateIntegrationResponse(responses, input, null);
    String id = unique(ids::shortId, responses);
    return autoDeploy(state, new ApiEvent.IntegrationResponseCreated(integrationId, input.withId(id)), id);
  }

  public Decision updateIntegrationResponse(
      ApiState state, String integrationId, String responseId, IntegrationResponse patch) {
    ApiConfig config = existing(state);
    integration(config, integrationId);
    IntegrationResponse current = integrationResponse(config, integrationId, responseId);
    validateIntegrationResponse(config.responsesOfIntegration(integrationId), patch, responseId);
    return autoDeploy(state,
        new ApiEvent.IntegrationResponseUpdated(integrationId, current.merge(patch)), responseId);
  }

  public Decision deleteIntegrationResponse(ApiState state, String integrationId, String responseId) {
    ApiConfig config = existing(state);
    integration(config, integrationId);
    integrationResponse(config, integrationId, responseId);
    return autoDeploy(state, new ApiEvent.IntegrationResponseDeleted(integrationId, responseId), null);
  }

  private void validateIntegrationResponse(
      Map<String, IntegrationResponse> siblings, IntegrationResponse response, String selfId) {
    String key = response.integrationResponseKey();
    if (key != null) {
      responseKeyPattern(key);
      uniqueKey(siblings, IntegrationResponse::integrationResponseKey, key, selfId, "Integration response",
          "this integration");
    }
    if (response.responseTemplates() != null) {
      templateKeys("responseTemplates", response.responseTemplates());
      checks.templates("responseTemplates", response.responseTemplates());
    }
    if (response.templateSelectionExpression() != null) {
      checks.responseTemplateSelectionExpression(response.templateSelectionExpression());
    }
    if (response.contentHandlingStrategy() != null) {
      oneOf("contentHandlingStrategy", response.contentHandlingStrategy(), CONTENT_HANDLING_STRATEGIES);
    }
  }

  /**
   * The pattern an integration response key stands for: {@code $default} matches anything (null here); a key
   * wrapped in slashes ({@code /2\d\d/}) is a regular expression; any other key is a regular expression too
   * (the guide's CLI example uses a bare {@code 200}). Throws when the expression does not compile.
   */
  public static Pattern responseKeyPattern(String key) {
    if (DEFAULT_KEY.equals(key)) return null;
    String regex = key.length() >= 2 && key.startsWith("/") && key.endsWith("/")
        ? key.substring(1, key.length() - 1) : key;
    if (regex.isEmpty()) throw new BadRequestException("Invalid integration response key specified: " + key);
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new BadRequestException("Invalid integration response key specified: " + key + ". "
          + e.getDescription());
    }
  }

  // ---- Stages -----------------------------------------------------------------------------------------------

  public Decision createStage(ApiState state, Stage input) {
    existing(state);
    require(input.stageName(), "stageName");
    if (DEFAULT_KEY.equals(input.stageName())) {
      throw new BadRequestException("The $default stage is supported only for HTTP APIs");
    }
    if (!STAGE_NAME.matcher(input.stageName()).matches()) {
      throw new BadRequestException("Invalid stage name " + input.stageName()
          + ": use 1 to 128 letters, digits, hyphens and underscores");
    }
    if (state.stages().containsKey(input.stageName())) {
      throw new ConflictException("Stage " + input.stageName() + " already exists");
    }
    validateStageFields(state, input);
    Stage stage = input.asCreated(now());
    List<ApiEvent> events = new ArrayList<>();
    events.add(new ApiEvent.StageCreated(stage));
    if (stage.isAutoDeploy()) deployInto(state, stage, events);
    return new Decision(events, stage.stageName());
  }

  public Decision updateStage(ApiState state, String stageName, Stage patch) {
    existing(state);
    Stage current = stage(state, stageName);
    validateStageFields(state, patch);
    Stage merged = current.merge(patch, now());
    List<ApiEvent> events = new ArrayList<>();
    events.add(new ApiEvent.StageUpdated(merged));
    if (merged.isAutoDeploy() && !current.isAutoDeploy()) deployInto(state, merged, events);
    return new Decision(events, stageName);
  }

  public Decision deleteStage(ApiState state, String stageName) {
    existing(state);
    stage(state, stageName);
    return new Decision(List.of(new ApiEvent.StageDeleted(stageName)), null);
  }

  private void validateStageFields(ApiState state, Stage stage) {
    if (stage.description() != null) length("description", stage.description(), 0, MAX_DESCRIPTION);
    if (stage.deploymentId() != null && !state.deployments().containsKey(stage.deploymentId())) {
      throw new BadRequestException("Invalid deployment identifier specified: " + stage.deploymentId());
    }
    if (stage.stageVariables() != null) {
      stage.stageVariables().forEach((name, value) -> {
        if (!STAGE_VARIABLE_NAME.matcher(name).matches()) {
          throw new BadRequestException("Invalid stage variable name " + name
              + ": use 1 to 64 letters, digits and underscores");
        }
        if (value == null || value.length() > MAX_STAGE_VARIABLE_VALUE
            || !STAGE_VARIABLE_VALUE.matcher(value).matches()) {
          throw new BadRequestException("Invalid value for stage variable " + name
              + ": use up to 2048 of the characters A-Z a-z 0-9 - . _ ~ : / ? # & = ,");
        }
      });
    }
    if (stage.defaultRouteSettings() != null) routeSettings("defaultRouteSettings", stage.defaultRouteSettings());
    if (stage.routeSettings() != null) {
      stage.routeSettings().forEach((key, settings) -> routeSettings("routeSettings." + key, settings));
    }
  }

  private static void routeSettings(String field, RouteSettings settings) {
    if (settings == null) throw new BadRequestException("Invalid " + field + ": route settings are required");
    if (settings.loggingLevel() != null) oneOf(field + ".loggingLevel", settings.loggingLevel(), LOGGING_LEVELS);
    if (settings.throttlingBurstLimit() != null && settings.throttlingBurstLimit() < 0) {
      throw new BadRequestException(field + ".throttlingBurstLimit must not be negative");
    }
    if (settings.throttlingRateLimit() != null && settings.throttlingRateLimit() < 0) {
      throw new BadRequestException(field + ".throttlingRateLimit must not be negative");
    }
  }

  // ---- Deployments ------------------------------------------------------------------------------------------

  public Decision createDeployment(ApiState state, String stageName, String description) {
    ApiConfig config = existing(state);
    if (description != null) length("description", description, 0, MAX_DESCRIPTION);
    Stage stage = stageName == null ? null : stage(state, stageName);
    if (config.routes().isEmpty()) throw new BadRequestException(NO_ROUTES);
    String id = unique(ids::shortId, state.deployments());
    List<ApiEvent> events = new ArrayList<>();
    events.add(new ApiEvent.DeploymentCreated(
        new Deployment(id, description, now(), Deployment.DEPLOYED, null, false)));
    if (stage != null) events.add(new ApiEvent.StageUpdated(stage.withDeployment(id, now(), null)));
    return new Decision(events, id);
  }

  public Decision updateDeployment(ApiState state, String deploymentId, String description) {
    existing(state);
    Deployment current = deployment(state, deploymentId);
    if (description != null) length("description", description, 0, MAX_DESCRIPTION);
    return new Decision(List.of(new ApiEvent.DeploymentUpdated(current.withDescription(description))),
        deploymentId);
  }

  public Decision deleteDeployment(ApiState state, String deploymentId) {
    existing(state);
    deployment(state, deploymentId);
    for (Stage stage : state.stages().values()) {
      if (deploymentId.equals(stage.deploymentId())) {
        throw new BadRequestException("Active stages pointing to this deployment must be moved or deleted (stage "
            + stage.stageName() + ")");
      }
    }
    return new Decision(List.of(new ApiEvent.DeploymentDeleted(deploymentId)), null);
  }

  // After a change to the deployable configuration, redeploy every stage that has autoDeploy on.
  private Decision autoDeploy(ApiState state, ApiEvent change, String id) {
    List<ApiEvent> events = new ArrayList<>();
    events.add(change);
    ApiState changed = state.apply(change);
    for (Stage stage : changed.stages().values()) {
      if (stage.isAutoDeploy()) deployInto(changed, stage, events);
    }
    return new Decision(events, id);
  }

  private void deployInto(ApiState state, Stage stage, List<ApiEvent> events) {
    if (state.config().routes().isEmpty()) {
      events.add(new ApiEvent.StageUpdated(stage.withDeployment(stage.deploymentId(), now(),
          "Deployment attempt failed: " + NO_ROUTES)));
      return;
    }
    String id = unique(ids::shortId, state.deployments());
    events.add(new ApiEvent.DeploymentCreated(
        new Deployment(id, AUTO_DEPLOY_DESCRIPTION, now(), Deployment.DEPLOYED, null, true)));
    events.add(new ApiEvent.StageUpdated(stage.withDeployment(id, now(),
        "Successfully deployed stage with deployment ID '" + id + "'")));
  }

  // ---- Lookups ----------------------------------------------------------------------------------------------

  /** The configuration of an API that exists, or NotFound. */
  public static ApiConfig existing(ApiState state) {
    if (!state.exists()) throw new NotFoundException("Invalid API identifier specified");
    return state.config();
  }

  public static Route route(ApiConfig config, String routeId) {
    Route route = config.routes().get(routeId);
    if (route == null) throw new NotFoundException("Invalid Route identifier specified " + routeId);
    return route;
  }

  public static Integration integration(ApiConfig config, String integrationId) {
    Integration integration = config.integrations().get(integrationId);
    if (integration == null) {
      throw new NotFoundException("Invalid Integration identifier specified " + integrationId);
    }
    return integration;
  }

  public static IntegrationResponse integrationResponse(ApiConfig config, String integrationId, String id) {
    IntegrationResponse response = config.responsesOfIntegration(integrationId).get(id);
    if (response == null) throw new NotFoundException("Invalid IntegrationResponse identifier specified " + id);
    return response;
  }

  public static RouteResponse routeResponse(ApiConfig config, String routeId, String id) {
    RouteResponse response = config.responsesOfRoute(routeId).get(id);
    if (response == null) throw new NotFoundException("Invalid RouteResponse identifier specified " + id);
    return response;
  }

  public static Stage stage(ApiState state, String stageName) {
    Stage stage = state.stages().get(stageName);
    if (stage == null) throw new NotFoundException("Invalid stage identifier specified " + stageName);
    return stage;
  }

  public static Deployment deployment(ApiState state, String deploymentId) {
    Deployment deployment = state.deployment(deploymentId);
    if (deployment == null) {
      throw new NotFoundException("Invalid Deployment identifier specified " + deploymentId);
    }
    return deployment;
  }

  // ---- Helpers ----------------------------------------------------------------------------------------------

  private Instant now() {
    return clock.get();
  }

  private static String unique(Supplier<String> generator, Map<String, ?> taken) {
    String id = generator.get();
    while (taken.containsKey(id)) id = generator.get();
    return id;
  }

  /** Conflict when a resource other than {@code selfId} (null when creating) already has {@code key}. */
  private static <T> void uniqueKey(
      Map<String, T> byId, Function<T, String> keyOf, String key, String selfId, String what, String scope) {
    byId.forEach((id, other) -> {
      if (keyOf.apply(other).equals(key) && !id.equals(selfId)) {
        throw new ConflictException(what + " with key " + key + " already exists for " + scope);
      }
    });
  }

  private static void require(Object value, String field) {
    if (value == null) throw new BadRequestException(field + " is required");
  }

  private static void length(String field, String value, int min, int max) {
    if (value.length() < min || value.length() > max) {
      throw new BadRequestException(
          "Invalid " + field + ": its length must be between " + min + " and " + max + " characters");
    }
  }

  private static void oneOf(String field, String value, java.util.Set<String> allowed) {
    if (!allowed.contains(value)) {
      throw new BadRequestException("Invalid " + field + " specified: " + value + ". Valid values are "
          + new java.util.TreeSet<>(allowed));
    }
  }

  private static void templateKeys(String field, Map<String, String> templates) {
    templates.forEach((key, template) -> {
      if (key == null || key.isEmpty() || key.length() > MAX_TEMPLATE_KEY) {
        throw new BadRequestException("Invalid " + field + " key: it must have 1 to 255 characters");
      }
      if (template == null) throw new BadRequestException("Invalid " + field + " entry " + key + ": no template");
    });
  }

  private static <T> T orDefault(T value, T fallback) {
    return value != null ? value : fallback;
  }
}
