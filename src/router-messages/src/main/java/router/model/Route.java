package router.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import router.CborSerializable;

/** A route of a WebSocket API: a route key and the integration it targets ({@code integrations/{id}}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Route(
    String routeId,
    String routeKey,
    String target,
    String routeResponseSelectionExpression,
    Boolean apiKeyRequired,
    String authorizationType,
    String authorizerId,
    List<String> authorizationScopes,
    String modelSelectionExpression,
    String operationName,
    Map<String, String> requestModels,
    Map<String, ParameterConstraints> requestParameters,
    Boolean apiGatewayManaged)
    implements CborSerializable {

  /** The prefix of a route target naming an integration. */
  public static final String TARGET_PREFIX = "integrations/";

  /** This route with every non-null field of {@code patch} applied (UpdateRoute semantics). */
  public Route merge(Route patch) {
    return new Route(
        routeId,
        Nulls.or(patch.routeKey, routeKey),
        Nulls.or(patch.target, target),
        Nulls.or(patch.routeResponseSelectionExpression, routeResponseSelectionExpression),
        Nulls.or(patch.apiKeyRequired, apiKeyRequired),
        Nulls.or(patch.authorizationType, authorizationType),
        Nulls.or(patch.authorizerId, authorizerId),
        Nulls.or(patch.authorizationScopes, authorizationScopes),
        Nulls.or(patch.modelSelectionExpression, modelSelectionExpression),
        Nulls.or(patch.operationName, operationName),
        Nulls.or(patch.requestModels, requestModels),
        Nulls.or(patch.requestParameters, requestParameters),
        apiGatewayManaged);
  }

  public Route withRouteId(String id) {
    return new Route(id, routeKey, target, routeResponseSelectionExpression, apiKeyRequired,
        authorizationType, authorizerId, authorizationScopes, modelSelectionExpression, operationName,
        requestModels, requestParameters, apiGatewayManaged);
  }

  /** The same route with API Gateway's defaults filled in where the caller left them out. */
  public Route withDefaults() {
    return new Route(routeId, routeKey, target, routeResponseSelectionExpression,
        Nulls.or(apiKeyRequired, Boolean.FALSE), Nulls.or(authorizationType, "NONE"), authorizerId,
        authorizationScopes, modelSelectionExpression, operationName, requestModels, requestParameters,
        apiGatewayManaged);
  }

  /** The integration id this route targets, or null when it has no {@code integrations/{id}} target. */
  public String targetIntegrationId() {
    return target != null && target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : null;
  }
}
