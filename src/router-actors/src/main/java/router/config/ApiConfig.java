package router.config;

import java.util.Map;
import router.CborSerializable;
import router.model.Api;
import router.model.Integration;
import router.model.IntegrationResponse;
import router.model.Route;
import router.model.RouteResponse;

/**
 * The deployable part of an API: the API itself, its routes and integrations with their responses. Immutable; a
 * deployment keeps a reference to the {@code ApiConfig} current when it was created.
 *
 * <p>Maps keep creation order (ids to resources; responses grouped by the id of their integration or route).
 */
public record ApiConfig(
    Api api,
    Map<String, Route> routes,
    Map<String, Integration> integrations,
    Map<String, Map<String, IntegrationResponse>> integrationResponses,
    Map<String, Map<String, RouteResponse>> routeResponses)
    implements CborSerializable {

  public static ApiConfig of(Api api) {
    return new ApiConfig(api, Map.of(), Map.of(), Map.of(), Map.of());
  }

  public ApiConfig withApi(Api newApi) {
    return new ApiConfig(newApi, routes, integrations, integrationResponses, routeResponses);
  }

  public ApiConfig withRoute(Route route) {
    return new ApiConfig(api, Maps.put(routes, route.routeId(), route), integrations, integrationResponses,
        routeResponses);
  }

  public ApiConfig withoutRoute(String routeId) {
    return new ApiConfig(api, Maps.remove(routes, routeId), integrations, integrationResponses,
        Maps.remove(routeResponses, routeId));
  }

  public ApiConfig withIntegration(Integration integration) {
    return new ApiConfig(api, routes, Maps.put(integrations, integration.integrationId(), integration),
        integrationResponses, routeResponses);
  }

  public ApiConfig withoutIntegration(String integrationId) {
    return new ApiConfig(api, routes, Maps.remove(integrations, integrationId),
        Maps.remove(integrationResponses, integrationId), routeResponses);
  }

  public ApiConfig withIntegrationResponse(String integrationId, IntegrationResponse response) {
    return new ApiConfig(api, routes, integrations,
        Maps.putNested(integrationResponses, integrationId, response.integrationResponseId(), response),
        routeResponses);
  }

  public ApiConfig withoutIntegrationResponse(String integrationId, String responseId) {
    return new ApiConfig(api, routes, integrations,
        Maps.removeNested(integrationResponses, integrationId, responseId), routeResponses);
  }

  public ApiConfig withRouteResponse(String routeId, RouteResponse response) {
    return new ApiConfig(api, routes, integrations, integrationResponses,
        Maps.putNested(routeResponses, routeId, response.routeResponseId(), response));
  }

  public ApiConfig withoutRouteResponse(String routeId, String responseId) {
    return new ApiConfig(api, routes, integrations, integrationResponses,
        Maps.removeNested(routeResponses, routeId, responseId));
  }

  /** The responses of one integration, in creation order. */
  public Map<String, IntegrationResponse> responsesOfIntegration(String integrationId) {
    return integrationResponses.getOrDefault(integrationId, Map.of());
  }

  /** The responses of one route, in creation order. */
  public Map<String, RouteResponse> responsesOfRoute(String routeId) {
    return routeResponses.getOrDefault(routeId, Map.of());
  }
}
