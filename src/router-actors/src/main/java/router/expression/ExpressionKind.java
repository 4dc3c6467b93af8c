package router.expression;

import router.expression.Segment.ContextVariable;
import router.expression.Segment.IntegrationResponseBody;
import router.expression.Segment.IntegrationResponseHeader;
import router.expression.Segment.IntegrationResponseMultiValueHeader;
import router.expression.Segment.IntegrationStatusCode;
import router.expression.Segment.QueryString;
import router.expression.Segment.RequestBody;
import router.expression.Segment.RequestHeader;
import router.expression.Segment.StageVariable;
import router.expression.Segment.Variable;

/** Where a selection expression is used in API Gateway, which decides the variables it may reference. */
public enum ExpressionKind {

  /** An API's {@code routeSelectionExpression}, e.g. {@code $request.body.action}. */
  ROUTE_SELECTION("route selection",
      "$request.body.*, $request.header.*, $request.querystring.*, $context.*, $stageVariables.* and static values"),

  /** A route's or integration's {@code templateSelectionExpression}. */
  TEMPLATE_SELECTION("template selection", "$request.body.* and static values"),

  /** An integration response's key, matched by {@code integrationResponseSelectionExpression}. */
  INTEGRATION_RESPONSE_SELECTION("integration response selection",
      "$integration.response.statuscode, $integration.response.header.*, $integration.response.multivalueheader.*,"
          + " $integration.response.body.* and static values"),

  /** An integration response's {@code templateSelectionExpression}. */
  RESPONSE_TEMPLATE_SELECTION("response template selection",
      "$request.body.*, $integration.response.statuscode, $integration.response.header.*,"
          + " $integration.response.multivalueheader.* and static values"),

  /** A route's {@code routeResponseSelectionExpression}; AWS supports only {@code $default}. */
  ROUTE_RESPONSE_SELECTION("route response selection", "static values such as $default"),

  /** An API's {@code apiKeySelectionExpression}. */
  API_KEY_SELECTION("API key selection", "exactly $request.header.x-api-key or $context.authorizer.usageIdentifierKey");

  private final String displayName;
  private final String supported;

  ExpressionKind(String displayName, String supported) {
    this.displayName = displayName;
    this.supported = supported;
  }

  /** How messages name this kind, e.g. {@code "route selection"}. */
  public String displayName() {
    return displayName;
  }

  /** The variables and values this kind supports, for messages. */
  public String supported() {
    return supported;
  }

  /** AWS accepts only the two documented values as an API key selection expression, with no text around them. */
  boolean allowsLiteralText() {
    return this != API_KEY_SELECTION;
  }

  boolean allows(Variable variable) {
    boolean requestBody = variable instanceof RequestBody;
    boolean integrationMetadata = variable instanceof IntegrationStatusCode
        || variable instanceof IntegrationResponseHeader
        || variable instanceof IntegrationResponseMultiValueHeader;
    return switch (this) {
      case ROUTE_SELECTION -> requestBody
          || variable instanceof RequestHeader
          || variable instanceof QueryString
          || variable instanceof ContextVariable
          || variable instanceof StageVariable;
      case TEMPLATE_SELECTION -> requestBody;
      case INTEGRATION_RESPONSE_SELECTION -> integrationMetadata || variable instanceof IntegrationResponseBody;
      case RESPONSE_TEMPLATE_SELECTION -> requestBody || integrationMetadata;
      case ROUTE_RESPONSE_SELECTION -> false;
      case API_KEY_SELECTION -> variable instanceof RequestHeader h && h.name().equalsIgnoreCase("x-api-key")
          || variable instanceof ContextVariable c && c.name().equals("authorizer.usageIdentifierKey");
    };
  }
}
