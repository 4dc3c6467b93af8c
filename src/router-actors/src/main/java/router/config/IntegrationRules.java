package router.config;

import static router.config.Validation.description;
import static router.config.Validation.existing;
import static router.config.Validation.integration;
import static router.config.Validation.length;
import static router.config.Validation.oneOf;
import static router.config.Validation.require;
import static router.config.Validation.templateKeys;
import static router.config.Validation.unique;
import static router.config.Vocabulary.*;

import java.util.Objects;
import java.util.regex.Pattern;
import router.errors.BadRequestException;
import router.errors.ConflictException;
import router.expression.ExpressionKind;
import router.expression.InvalidExpressionException;
import router.expression.SelectionExpression;
import router.model.Integration;
import router.model.IntegrationType;
import router.model.PassthroughBehavior;
import router.model.Route;

/** The rules of CreateIntegration, UpdateIntegration and DeleteIntegration, and API Gateway's defaults by type. */
public final class IntegrationRules {
  private static final int MAX_URI = 2048;
  private static final Pattern REQUEST_PARAMETER_KEY =
      Pattern.compile("integration\\.request\\.(header|querystring|path)\\.[^\\s]+");
  private static final Pattern REQUEST_PARAMETER_VALUE = Pattern.compile(
      "'[^']*'|route\\.request\\.(header|querystring|multivalueheader|multivaluequerystring|path)\\.[^\\s]+"
          + "|route\\.request\\.body\\.[^\\s]+"
          + "|context\\.[A-Za-z0-9_.]+|stageVariables\\.[A-Za-z0-9_]+");

  private final ConfigChecks checks;
  private final IdSource ids;
  private final AutoDeploy autoDeploy;

  IntegrationRules(ConfigChecks checks, IdSource ids, AutoDeploy autoDeploy) {
    this.checks = checks;
    this.ids = ids;
    this.autoDeploy = autoDeploy;
  }

  public Decision create(ApiState state, Integration input) {
    ApiConfig config = existing(state);
    require(input.integrationType(), "integrationType");
    Integration integration = withDefaults(validateFields(input));
    validateWhole(integration);
    String id = unique(ids::integrationId, config.integrations());
    return autoDeploy.after(state, new ApiEvent.IntegrationCreated(integration.withIntegrationId(id)), id);
  }

  public Decision update(ApiState state, String integrationId, Integration patch) {
    ApiConfig config = existing(state);
    Integration current = integration(config, integrationId);
    Integration merged = current.merge(validateFields(patch));
    if (patch.integrationType() != null && !patch.integrationType().equals(current.integrationType())) {
      // The default response selection follows the type unless the caller chose one.
      merged = withDefaults(blankResponseSelection(patch, merged, type(current)));
    }
    validateWhole(merged);
    return autoDeploy.after(state, new ApiEvent.IntegrationUpdated(merged), integrationId);
  }

  public Decision delete(ApiState state, String integrationId) {
    ApiConfig config = existing(state);
    integration(config, integrationId);
    for (Route route : config.routes().values()) {
      if (integrationId.equals(route.targetIntegrationId())) {
        throw new ConflictException("Integration " + integrationId + " is the target of route "
            + route.routeKey() + " (" + route.routeId() + "); change or delete the route first");
      }
    }
    return autoDeploy.after(state, new ApiEvent.IntegrationDeleted(integrationId), null);
  }

  private Integration validateFields(Integration in) {
    if (in.integrationType() != null) oneOf("integrationType", in.integrationType(), INTEGRATION_TYPES);
    if (in.passthroughBehavior() != null) {
      oneOf("passthroughBehavior", in.passthroughBehavior(), PASSTHROUGH_BEHAVIORS);
    }
    if (in.connectionType() != null) oneOf("connectionType", in.connectionType(), CONNECTION_TYPES);
    if (in.contentHandlingStrategy() != null) {
      oneOf("contentHandlingStrategy", in.contentHandlingStrategy(), CONTENT_HANDLING_STRATEGIES);
    }
    if (in.timeoutInMillis() != null
        && (in.timeoutInMillis() < MIN_TIMEOUT_MILLIS || in.timeoutInMillis() > MAX_TIMEOUT_MILLIS)) {
      throw new BadRequestException("Invalid timeoutInMillis " + in.timeoutInMillis()
          + ": the integration timeout must be between 50 milliseconds and 29 seconds (50-29000)");
    }
    if (in.integrationMethod() != null) oneOf("integrationMethod", in.integrationMethod(), HTTP_METHODS);
    if (in.integrationUri() != null) length("integrationUri", in.integrationUri(), 1, MAX_URI);
    description(in.description());
    if (in.payloadFormatVersion() != null && !PAYLOAD_FORMAT_VERSION.equals(in.payloadFormatVersion())) {
      throw new BadRequestException("Invalid payloadFormatVersion " + in.payloadFormatVersion()
          + ": WebSocket APIs support only 1.0");
    }
    if (in.integrationSubtype() != null) {
      throw new BadRequestException("integrationSubtype is supported only for HTTP APIs");
    }
    if (in.requestTemplates() != null) {
      templateKeys("requestTemplates", in.requestTemplates());
      checks.templates("requestTemplates", in.requestTemplates());
    }
    if (in.templateSelectionExpression() != null) {
      checks.templateSelectionExpression(in.templateSelectionExpression());
    }
    if (in.integrationResponseSelectionExpression() != null) {
      checks.integrationResponseSelectionExpression(in.integrationResponseSelectionExpression());
    }
    if (in.requestParameters() != null) {
      in.requestParameters().forEach((key, value) -> {
        if (!REQUEST_PARAMETER_KEY.matcher(key).matches()) {
          throw new BadRequestException("Invalid mapping expression specified: " + key
              + ". Keys must be integration.request.{header|querystring|path}.{name}");
        }
        if (value == null || !REQUEST_PARAMETER_VALUE.matcher(value).matches()) {
          throw new BadRequestException("Invalid mapping expression specified: " + value + " for " + key
              + ". Sources are route.request.{header|querystring|multivalueheader|multivaluequerystring}.{name}, "
              + "route.request.body.{JSONPath}, context.{name}, stageVariables.{name} or 'static value'");
        }
        checkEvaluable(key, value);
      });
    }
    return in;
  }

  // A body JSONPath (or any other expression source) must compile as the deployment will compile it.
  private static void checkEvaluable(String key, String value) {
    if (value.startsWith("'") || value.startsWith("route.request.multivalue")
        || value.startsWith("route.request.path.")) {
      return;
    }
    String variable = value.startsWith("route.request.") ? value.substring("route.".length()) : value;
    try {
      SelectionExpression.parse("${" + variable + "}", ExpressionKind.ROUTE_SELECTION);
    } catch (InvalidExpressionException e) {
      throw new BadRequestException("Invalid mapping expression specified: " + value + " for " + key + ": "
          + e.getMessage());
    }
  }

  /** Rules that need the whole integration (after defaults and merge). */
  private static void validateWhole(Integration in) {
    IntegrationType type = type(in);
    String uri = in.integrationUri();
    if (type != IntegrationType.MOCK && uri == null) {
      throw new BadRequestException("Integration URI is required for integration type " + type);
    }
    if (type.isHttp() && uri != null && !uri.startsWith("http://") && !uri.startsWith("https://")
        && !uri.startsWith("${stageVariables.")) {
      throw new BadRequestException(
          "Invalid integration URI specified: " + uri + ". HTTP integrations need an http(s) URL");
    }
    if (type.isAws() && !uri.startsWith("arn:")) {
      throw new BadRequestException("Invalid integration URI specified: " + uri + ". AWS integrations need an ARN");
    }
    if (type.isHttp() && in.integrationMethod() == null) {
      throw new BadRequestException("An integration method is required for integration type " + type);
    }
    if (VPC_LINK.equals(in.connectionType()) && in.connectionId() == null) {
      throw new BadRequestException("A connectionId (the VPC link id) is required when connectionType is VPC_LINK");
    }
  }

  private static Integration withDefaults(Integration in) {
    IntegrationType type = type(in);
    Integration withMethod = type == IntegrationType.AWS_PROXY && in.integrationMethod() == null
        ? in.toBuilder().integrationMethod("POST").build() : in;
    return withMethod.withDefaults(DEFAULT_CONNECTION_TYPE, PassthroughBehavior.WHEN_NO_MATCH.name(),
        MAX_TIMEOUT_MILLIS, PAYLOAD_FORMAT_VERSION, defaultResponseSelection(type));
  }

  private static String defaultResponseSelection(IntegrationType type) {
    return type.isProxy() ? null : type == IntegrationType.AWS ? ERROR_MESSAGE_SELECTION : STATUS_CODE_SELECTION;
  }

  // When the type changes and the caller did not pick a response selection, drop the old type's default.
  private static Integration blankResponseSelection(Integration patch, Integration merged, IntegrationType oldType) {
    if (patch.integrationResponseSelectionExpression() != null
        || !Objects.equals(merged.integrationResponseSelectionExpression(), defaultResponseSelection(oldType))) {
      return merged;
    }
    return merged.toBuilder().integrationResponseSelectionExpression(null).build();
  }

  // Only called after validateFields (or on a stored integration), so the name is one of the enum's.
  private static IntegrationType type(Integration in) {
    return IntegrationType.valueOf(in.integrationType());
  }
}
