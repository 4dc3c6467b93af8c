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
    return new Integration(id, integrationType, integrationMethod, integrationUri, connectionType, connectionId,
        credentialsArn, passthroughBehavior, requestTemplates, templateSelectionExpression, requestParameters,
        responseParameters, contentHandlingStrategy, timeoutInMillis, integrationResponseSelectionExpression,
        payloadFormatVersion, description, integrationSubtype, tlsConfig, apiGatewayManaged);
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
}
