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
    return toBuilder().apiEndpoint(endpoint).build();
  }

  public Api withIdAndDate(String id, Instant created) {
    return toBuilder().apiId(id).createdDate(created).build();
  }

  /** A builder with no field set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this API's values, to change some of them. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds an {@link Api} field by field; a field not set stays null. */
  public static final class Builder {
    private String apiId;
    private String name;
    private String protocolType;
    private String routeSelectionExpression;
    private String apiKeySelectionExpression;
    private String description;
    private Boolean disableSchemaValidation;
    private Boolean disableExecuteApiEndpoint;
    private String version;
    private String ipAddressType;
    private Map<String, String> tags;
    private Instant createdDate;
    private String apiEndpoint;
    private Boolean apiGatewayManaged;
    private List<String> warnings;

    private Builder() {}

    private Builder(Api from) {
      apiId = from.apiId;
      name = from.name;
      protocolType = from.protocolType;
      routeSelectionExpression = from.routeSelectionExpression;
      apiKeySelectionExpression = from.apiKeySelectionExpression;
      description = from.description;
      disableSchemaValidation = from.disableSchemaValidation;
      disableExecuteApiEndpoint = from.disableExecuteApiEndpoint;
      version = from.version;
      ipAddressType = from.ipAddressType;
      tags = from.tags;
      createdDate = from.createdDate;
      apiEndpoint = from.apiEndpoint;
      apiGatewayManaged = from.apiGatewayManaged;
      warnings = from.warnings;
    }

    public Builder apiId(String value) {
      apiId = value;
      return this;
    }

    public Builder name(String value) {
      name = value;
      return this;
    }

    public Builder protocolType(String value) {
      protocolType = value;
      return this;
    }

    public Builder routeSelectionExpression(String value) {
      routeSelectionExpression = value;
      return this;
    }

    public Builder apiKeySelectionExpression(String value) {
      apiKeySelectionExpression = value;
      return this;
    }

    public Builder description(String value) {
      description = value;
      return this;
    }

    public Builder disableSchemaValidation(Boolean value) {
      disableSchemaValidation = value;
      return this;
    }

    public Builder disableExecuteApiEndpoint(Boolean value) {
      disableExecuteApiEndpoint = value;
      return this;
    }

    public Builder version(String value) {
      version = value;
      return this;
    }

    public Builder ipAddressType(String value) {
      ipAddressType = value;
      return this;
    }

    public Builder tags(Map<String, String> value) {
      tags = value;
      return this;
    }

    public Builder createdDate(Instant value) {
      createdDate = value;
      return this;
    }

    public Builder apiEndpoint(String value) {
      apiEndpoint = value;
      return this;
    }

    public Builder apiGatewayManaged(Boolean value) {
      apiGatewayManaged = value;
      return this;
    }

    public Builder warnings(List<String> value) {
      warnings = value;
      return this;
    }

    public Api build() {
      return new Api(apiId, name, protocolType, routeSelectionExpression, apiKeySelectionExpression, description,
          disableSchemaValidation, disableExecuteApiEndpoint, version, ipAddressType, tags, createdDate, apiEndpoint,
          apiGatewayManaged, warnings);
    }
  }
}
