package router.config;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import router.errors.BadRequestException;
import router.errors.ConflictException;
import router.errors.NotFoundException;
import router.model.Deployment;
import router.model.Integration;
import router.model.IntegrationResponse;
import router.model.Route;
import router.model.RouteResponse;
import router.model.Stage;

/**
 * The checks every resource's rules share: required fields, lengths, closed sets, unique keys and ids, and the
 * lookups that answer API Gateway's {@code NotFoundException} for an unknown id.
 */
public final class Validation {
  static final int MAX_DESCRIPTION = 1024;
  private static final int MAX_TEMPLATE_KEY = 255;

  private Validation() {}

  // ---- Fields -----------------------------------------------------------------------------------------------

  static void require(Object value, String field) {
    if (value == null) throw new BadRequestException(field + " is required");
  }

  static void length(String field, String value, int min, int max) {
    if (value.length() < min || value.length() > max) {
      throw new BadRequestException(
          "Invalid " + field + ": its length must be between " + min + " and " + max + " characters");
    }
  }

  static void description(String value) {
    if (value != null) length("description", value, 0, MAX_DESCRIPTION);
  }

  static void oneOf(String field, String value, Set<String> allowed) {
    if (!allowed.contains(value)) {
      throw new BadRequestException("Invalid " + field + " specified: " + value + ". Valid values are "
          + new TreeSet<>(allowed));
    }
  }

  static void templateKeys(String field, Map<String, String> templates) {
    templates.forEach((key, template) -> {
      if (key == null || key.isEmpty() || key.length() > MAX_TEMPLATE_KEY) {
        throw new BadRequestException("Invalid " + field + " key: it must have 1 to 255 characters");
      }
      if (template == null) throw new BadRequestException("Invalid " + field + " entry " + key + ": no template");
    });
  }

  /** Conflict when a resource other than {@code selfId} (null when creating) already has {@code key}. */
  static <T> void uniqueKey(
      Map<String, T> byId, Function<T, String> keyOf, String key, String selfId, String what, String scope) {
    byId.forEach((id, other) -> {
      if (keyOf.apply(other).equals(key) && !id.equals(selfId)) {
        throw new ConflictException(what + " with key " + key + " already exists for " + scope);
      }
    });
  }

  /** A new id from {@code generator} that is not a key of {@code taken}. */
  static String unique(Supplier<String> generator, Map<String, ?> taken) {
    String id = generator.get();
    while (taken.containsKey(id)) id = generator.get();
    return id;
  }

  static <T> T orDefault(T value, T fallback) {
    return value != null ? value : fallback;
  }

  // ---- Lookups ----------------------------------------------------------------------------------------------

  /** The configuration of an API that exists, or NotFound. */
  public static ApiConfig existing(ApiState state) {
    if (!state.exists()) throw new NotFoundException("Invalid API identifier specified");
    return state.config();
  }

  static Route route(ApiConfig config, String routeId) {
    Route route = config.routes().get(routeId);
    if (route == null) throw new NotFoundException("Invalid Route identifier specified " + routeId);
    return route;
  }

  static Integration integration(ApiConfig config, String integrationId) {
    Integration integration = config.integrations().get(integrationId);
    if (integration == null) {
      throw new NotFoundException("Invalid Integration identifier specified " + integrationId);
    }
    return integration;
  }

  /** The responses of a route that exists. */
  static Map<String, RouteResponse> routeResponses(ApiConfig config, String routeId) {
    route(config, routeId);
    return config.responsesOfRoute(routeId);
  }

  static RouteResponse routeResponse(ApiConfig config, String routeId, String id) {
    RouteResponse response = routeResponses(config, routeId).get(id);
    if (response == null) throw new NotFoundException("Invalid RouteResponse identifier specified " + id);
    return response;
  }

  /** The responses of an integration that exists. */
  static Map<String, IntegrationResponse> integrationResponses(ApiConfig config, String integrationId) {
    integration(config, integrationId);
    return config.responsesOfIntegration(integrationId);
  }

  static IntegrationResponse integrationResponse(ApiConfig config, String integrationId, String id) {
    IntegrationResponse response = integrationResponses(config, integrationId).get(id);
    if (response == null) throw new NotFoundException("Invalid IntegrationResponse identifier specified " + id);
    return response;
  }

  static Stage stage(ApiState state, String stageName) {
    existing(state);
    Stage stage = state.stages().get(stageName);
    if (stage == null) throw new NotFoundException("Invalid stage identifier specified " + stageName);
    return stage;
  }

  static Deployment deployment(ApiState state, String deploymentId) {
    existing(state);
    Deployment deployment = state.deployment(deploymentId);
    if (deployment == null) {
      throw new NotFoundException("Invalid Deployment identifier specified " + deploymentId);
    }
    return deployment;
  }
}
