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
    return toBuilder().routeId(id).build();
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

  /** A builder with no field set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this route's values, to change some of them. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds a {@link Route} field by field; a field not set stays null. */
  public static final class Builder {
    private String routeId;
    private String routeKey;
    private String target;
    private String routeResponseSelectionExpression;
    private Boolean apiKeyRequired;
    private String authorizationType;
    private String authorizerId;
    private List<String> authorizationScopes;
    private String modelSelectionExpression;
    private String operationName;
    private Map<String, String> requestModels;
    private Map<String, ParameterConstraints> requestParameters;
    private Boolean apiGatewayManaged;

    private Builder() {}

    private Builder(Route from) {
      routeId = from.routeId;
      routeKey = from.routeKey;
      target = from.target;
      routeResponseSelectionExpression = from.routeResponseSelectionExpression;
      apiKeyRequired = from.apiKeyRequired;
      authorizationType = from.authorizationType;
      authorizerId = from.authorizerId;
      authorizationScopes = from.authorizationScopes;
      modelSelectionExpression = from.modelSelectionExpression;
      operationName = from.operationName;
      requestModels = from.requestModels;
      requestParameters = from.requestParameters;
      apiGatewayManaged = from.apiGatewayManaged;
    }

    public Builder routeId(String value) {
      routeId = value;
      return this;
    }

    public Builder routeKey(String value) {
      routeKey = value;
      return this;
    }

    public Builder target(String value) {
      target = value;
      return this;
    }

    public Builder routeResponseSelectionExpression(String value) {
      routeResponseSelectionExpression = value;
      return this;
    }

    public Builder apiKeyRequired(Boolean value) {
      apiKeyRequired = value;
      return this;
    }

    public Builder authorizationType(String value) {
      authorizationType = value;
      return this;
    }

    public Builder authorizerId(String value) {
      authorizerId = value;
      return this;
    }

    public Builder authorizationScopes(List<String> value) {
      authorizationScopes = value;
      return this;
    }

    public Builder modelSelectionExpression(String value) {
      modelSelectionExpression = value;
      return this;
    }

    public Builder operationName(String value) {
      operationName = value;
      return this;
    }

    public Builder requestModels(Map<String, String> value) {
      requestModels = value;
      return this;
    }

    public Builder requestParameters(Map<String, ParameterConstraints> value) {
      requestParameters = value;
      return this;
    }

    public Builder apiGatewayManaged(Boolean value) {
      apiGatewayManaged = value;
      return this;
    }

    public Route build() {
      return new Route(routeId, routeKey, target, routeResponseSelectionExpression, apiKeyRequired,
          authorizationType, authorizerId, authorizationScopes, modelSelectionExpression, operationName,
          requestModels, requestParameters, apiGatewayManaged);
    }
  }
}
