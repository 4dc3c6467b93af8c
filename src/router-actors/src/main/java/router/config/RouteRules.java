package router.config;

import static router.config.Validation.existing;
import static router.config.Validation.length;
import static router.config.Validation.oneOf;
import static router.config.Validation.require;
import static router.config.Validation.route;
import static router.config.Validation.unique;
import static router.config.Validation.uniqueKey;
import static router.config.Vocabulary.AUTHORIZATION_TYPES;
import static router.config.Vocabulary.DEFAULT_KEY;
import static router.config.Vocabulary.RESERVED_ROUTE_KEYS;

import router.errors.BadRequestException;
import router.model.Route;

/** The rules of CreateRoute, UpdateRoute and DeleteRoute. */
public final class RouteRules {
  private static final int MAX_ROUTE_KEY = 128;
  private static final int MAX_OPERATION_NAME = 64;

  private final ConfigChecks checks;
  private final IdSource ids;
  private final AutoDeploy autoDeploy;

  RouteRules(ConfigChecks checks, IdSource ids, AutoDeploy autoDeploy) {
    this.checks = checks;
    this.ids = ids;
    this.autoDeploy = autoDeploy;
  }

  public Decision create(ApiState state, Route input) {
    ApiConfig config = existing(state);
    require(input.routeKey(), "routeKey");
    validate(config, input, null);
    String id = unique(ids::routeId, config.routes());
    Route route = input.withRouteId(id).withDefaults();
    return autoDeploy.after(state, new ApiEvent.RouteCreated(route), id);
  }

  public Decision update(ApiState state, String routeId, Route patch) {
    ApiConfig config = existing(state);
    Route current = route(config, routeId);
    validate(config, patch, routeId);
    return autoDeploy.after(state, new ApiEvent.RouteUpdated(current.merge(patch)), routeId);
  }

  public Decision delete(ApiState state, String routeId) {
    ApiConfig config = existing(state);
    route(config, routeId);
    return autoDeploy.after(state, new ApiEvent.RouteDeleted(routeId), null);
  }

  private void validate(ApiConfig config, Route route, String selfId) {
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
}
