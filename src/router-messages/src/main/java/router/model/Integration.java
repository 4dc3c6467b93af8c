package router.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import router.CborSerializable;

/** An integration: the backend a route sends its integration request to, and how the request is mapped. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Integration(
    String integrationId,
    String integrationType,
    String integrationMethod,
    String integrationUri,
    String connectionType,
    String connectionId,
    String credentialsArn,
    String passthroughBehavior,
    Map<String, String> requestTemplates,
    String templateSelectionExpression,
    Map<String, String> requestParameters,
    Map<String, Map<String, String>> responseParameters,
    String contentHandlingStrategy,
    Integer timeoutInMillis,
    String integrationResponseSelectionExpression,
    String payloadFormatVersion,
    String description,
    String integrationSubtype,
    TlsConfig tlsConfig,
    Boolean apiGatewayManaged)
    implements CborSerializable {

  /** This integration with every non-null field of {@code patch} applied (UpdateIntegration semantics). */
  public Integration merge(Integration patch) {
    return new Integration(
        integrationId,
        Nulls.or(patch.integrationType, integrationType),
        Nulls.or(patch.integrationMethod, integrationMethod),
        Nulls.or(patch.integrationUri, integrationUri),
        Nulls.or(patch.connectionType, connectionType),
        Nulls.or(patch.connectionId, connectionId),
        Nulls.or(patch.credentialsArn, credentialsArn),
        Nulls.or(patch.passthroughBehavior, passthroughBehavior),
        Nulls.or(patch.requestTemplates, requestTemplates),
        Nulls.or(patch.templateSelectionExpression, templateSelectionExpression),
        Nulls.or(patch.requestParameters, requestParameters),
        Nulls.or(patch.responseParameters, responseParameters),
        Nulls.or(patch.contentHandlingStrategy, contentHandlingStrategy),
        Nulls.or(patch.timeoutInMillis, timeoutInMillis),
        Nulls.or(patch.integrationResponseSelectionExpression, integrationResponseSelectionExpression),
        Nulls.or(patch.payloadFormatVersion, payloadFormatVersion),
        Nulls.or(patch.description, description),
        Nulls.or(patch.integrationSubtype, integrationSubtype),
        Nulls.or(patch.tlsConfig, tlsConfig),
        apiGatewayManaged);
  }

  public Integration withIntegrationId(String id) {
    return toBuilder().integrationId(id).build();
  }

  /** The same integration with API Gateway's WebSocket defaults filled in where the caller left them out. */
  public Integration withDefaults(
      String defaultConnectionType,
      String defaultPassthrough,
      int defaultTimeoutMillis,
      String defaultPayloadFormat,
      String defaultResponseSelection) {
    return new Integration(integrationId, integrationType, integrationMethod, integrationUri,
        Nulls.or(connectionType, defaultConnectionType), connectionId, credentialsArn,
        Nulls.or(passthroughBehavior, defaultPassthrough), requestTemplates, templateSelectionExpression,
        requestParameters, responseParameters, contentHandlingStrategy,
        Nulls.or(timeoutInMillis, defaultTimeoutMillis),
        Nulls.or(integrationResponseSelectionExpression, defaultResponseSelection),
        Nulls.or(payloadFormatVersion, defaultPayloadFormat), description, integrationSubtype, tlsConfig,
        apiGatewayManaged);
  }

  /** A builder with no field set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this integration's values, to change some of them. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds an {@link Integration} field by field; a field not set stays null. */
  public static final class Builder {
    private String integrationId;
    private String integrationType;
    private String integrationMethod;
    private String integrationUri;
    private String connectionType;
    private String connectionId;
    private String credentialsArn;
    private String passthroughBehavior;
    private Map<String, String> requestTemplates;
    private String templateSelectionExpression;
    private Map<String, String> requestParameters;
    private Map<String, Map<String, String>> responseParameters;
    private String contentHandlingStrategy;
    private Integer timeoutInMillis;
    private String integrationResponseSelectionExpression;
    private String payloadFormatVersion;
    private String description;
    private String integrationSubtype;
    private TlsConfig tlsConfig;
    private Boolean apiGatewayManaged;

    private Builder() {}

    private Builder(Integration from) {
      integrationId = from.integrationId;
      integrationType = from.integrationType;
      integrationMethod = from.integrationMethod;
      integrationUri = from.integrationUri;
      connectionType = from.connectionType;
      connectionId = from.connectionId;
      credentialsArn = from.credentialsArn;
      passthroughBehavior = from.passthroughBehavior;
      requestTemplates = from.requestTemplates;
      templateSelectionExpression = from.templateSelectionExpression;
      requestParameters = from.requestParameters;
      responseParameters = from.responseParameters;
      contentHandlingStrategy = from.contentHandlingStrategy;
      timeoutInMillis = from.timeoutInMillis;
      integrationResponseSelectionExpression = from.integrationResponseSelectionExpression;
      payloadFormatVersion = from.payloadFormatVersion;
      description = from.description;
      integrationSubtype = from.integrationSubtype;
      tlsConfig = from.tlsConfig;
      apiGatewayManaged = from.apiGatewayManaged;
    }

    public Builder integrationId(String value) {
      integrationId = value;
      return this;
    }

    public Builder integrationType(String value) {
      integrationType = value;
      return this;
    }

    public Builder integrationMethod(String value) {
      integrationMethod = value;
      return this;
    }

    public Builder integrationUri(String value) {
      integrationUri = value;
      return this;
    }

    public Builder connectionType(String value) {
      connectionType = value;
      return this;
    }

    public Builder connectionId(String value) {
      connectionId = value;
      return this;
    }

    public Builder credentialsArn(String value) {
      credentialsArn = value;
      return this;
    }

    public Builder passthroughBehavior(String value) {
      passthroughBehavior = value;
      return this;
    }

    public Builder requestTemplates(Map<String, String> value) {
      requestTemplates = value;
      return this;
    }

    public Builder templateSelectionExpression(String value) {
      templateSelectionExpression = value;
      return this;
    }

    public Builder requestParameters(Map<String, String> value) {
      requestParameters = value;
      return this;
    }

    public Builder responseParameters(Map<String, Map<String, String>> value) {
      responseParameters = value;
      return this;
    }

    public Builder contentHandlingStrategy(String value) {
      contentHandlingStrategy = value;
      return this;
    }

    public Builder timeoutInMillis(Integer value) {
      timeoutInMillis = value;
      return this;
    }

    public Builder integrationResponseSelectionExpression(String value) {
      integrationResponseSelectionExpression = value;
      return this;
    }

    public Builder payloadFormatVersion(String value) {
      payloadFormatVersion = value;
      return this;
    }

    public Builder description(String value) {
      description = value;
      return this;
    }

    public Builder integrationSubtype(String value) {
      integrationSubtype = value;
      return this;
    }

    public Builder tlsConfig(TlsConfig value) {
      tlsConfig = value;
      return this;
    }

    public Builder apiGatewayManaged(Boolean value) {
      apiGatewayManaged = value;
      return this;
    }

    public Integration build() {
      return new Integration(integrationId, integrationType, integrationMethod, integrationUri, connectionType,
          connectionId, credentialsArn, passthroughBehavior, requestTemplates, templateSelectionExpression,
          requestParameters, responseParameters, contentHandlingStrategy, timeoutInMillis,
          integrationResponseSelectionExpression, payloadFormatVersion, description, integrationSubtype, tlsConfig,
          apiGatewayManaged);
    }
  }
}
