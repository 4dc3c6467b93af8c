package router.config;

import static router.config.Validation.description;
import static router.config.Validation.existing;
import static router.config.Validation.length;
import static router.config.Validation.oneOf;
import static router.config.Validation.orDefault;
import static router.config.Validation.require;
import static router.config.Vocabulary.DEFAULT_API_KEY_SELECTION;
import static router.config.Vocabulary.HTTP;
import static router.config.Vocabulary.IP_ADDRESS_TYPES;
import static router.config.Vocabulary.WEBSOCKET;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import router.errors.BadRequestException;
import router.errors.ConflictException;
import router.model.Api;

/** The rules of CreateApi, UpdateApi and DeleteApi. */
public final class ApiRules {
  private static final int MAX_NAME = 128;
  private static final int MAX_VERSION = 64;

  private final ConfigChecks checks;
  private final Supplier<Instant> clock;
  private final AutoDeploy autoDeploy;

  ApiRules(ConfigChecks checks, Supplier<Instant> clock, AutoDeploy autoDeploy) {
    this.checks = checks;
    this.clock = clock;
    this.autoDeploy = autoDeploy;
  }

  public Decision create(ApiState state, String apiId, Api input) {
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
    Api api = validate(input);
    Api created = Api.builder()
        .apiId(apiId)
        .name(api.name())
        .protocolType(WEBSOCKET)
        .routeSelectionExpression(api.routeSelectionExpression())
        .apiKeySelectionExpression(orDefault(api.apiKeySelectionExpression(), DEFAULT_API_KEY_SELECTION))
        .description(api.description())
        .disableSchemaValidation(orDefault(api.disableSchemaValidation(), false))
        .disableExecuteApiEndpoint(orDefault(api.disableExecuteApiEndpoint(), false))
        .version(api.version())
        .ipAddressType(orDefault(api.ipAddressType(), "ipv4"))
        .tags(orDefault(api.tags(), Map.of()))
        .createdDate(clock.get())
        .build();
    return new Decision(List.of(new ApiEvent.ApiCreated(created)), apiId);
  }

  public Decision update(ApiState state, Api patch) {
    ApiConfig config = existing(state);
    Api merged = config.api().merge(validate(patch));
    // API Gateway: with autoDeploy, "updates to an API automatically trigger a new deployment" (a new route
    // selection expression must reach the stage like a new route does).
    return autoDeploy.after(state, new ApiEvent.ApiUpdated(merged), merged.apiId());
  }

  public Decision delete(ApiState state) {
    ApiConfig config = existing(state);
    return new Decision(List.of(new ApiEvent.ApiDeleted(config.api().apiId())), null);
  }

  private Api validate(Api api) {
    if (api.name() != null) length("name", api.name(), 1, MAX_NAME);
    description(api.description());
    if (api.version() != null) length("version", api.version(), 1, MAX_VERSION);
    if (api.routeSelectionExpression() != null) checks.routeSelectionExpression(api.routeSelectionExpression());
    if (api.apiKeySelectionExpression() != null) checks.apiKeySelectionExpression(api.apiKeySelectionExpression());
    if (api.ipAddressType() != null) oneOf("ipAddressType", api.ipAddressType(), IP_ADDRESS_TYPES);
    return api;
  }
}
