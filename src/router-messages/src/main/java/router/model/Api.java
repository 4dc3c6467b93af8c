package router.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import router.CborSerializable;

/** An API Gateway v2 API resource, as the apigatewayv2 REST API names its fields. Null means "not set". */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Api(
    String apiId,
    String name,
    String protocolType,
    String routeSelectionExpression,
    String apiKeySelectionExpression,
    String description,
    Boolean disableSchemaValidation,
    Boolean disableExecuteApiEndpoint,
    String version,
    String ipAddressType,
    Map<String, String> tags,
    Instant createdDate,
    String apiEndpoint,
    Boolean apiGatewayManaged,
    List<String> warnings)
    implements CborSerializable {

  /** This API with every non-null field of {@code patch} applied (UpdateApi semantics). */
  public Api merge(Api patch) {
    return new Api(
        apiId,
        Nulls.or(patch.name, name),
        protocolType,
        Nulls.or(patch.routeSelectionExpression, routeSelectionExpression),
        Nulls.or(patch.apiKeySelectionExpression, apiKeySelectionExpression),
        Nulls.or(patch.description, description),
        Nulls.or(patch.disableSchemaValidation, disableSchemaValidation),
        Nulls.or(patch.disableExecuteApiEndpoint, disableExecuteApiEndpoint),
        Nulls.or(patch.version, version),
        Nulls.or(patch.ipAddressType, ipAddressType),
        tags,
        createdDate,
        apiEndpoint,
        apiGatewayManaged,
        warnings);
  }

  public Api withApiEndpoint(String endpoint) {
    return new Api(apiId, name, protocolType, routeSelectionExpression, apiKeySelectionExpression,
        description, disableSchemaValidation, disableExecuteApiEndpoint, version, ipAddressType, tags,
        createdDate, endpoint, apiGatewayManaged, warnings);
  }

  public Api withIdAndDate(String id, Instant created) {
    return new Api(id, name, protocolType, routeSelectionExpression, apiKeySelectionExpression,
        description, disableSchemaValidation, disableExecuteApiEndpoint, version, ipAddressType, tags,
        created, apiEndpoint, apiGatewayManaged, warnings);
  }
}
