package router.config;

import static router.config.Validation.existing;
import static router.config.Validation.integrationResponse;
import static router.config.Validation.integrationResponses;
import static router.config.Validation.oneOf;
import static router.config.Validation.require;
import static router.config.Validation.routeResponse;
import static router.config.Validation.routeResponses;
import static router.config.Validation.templateKeys;
import static router.config.Validation.unique;
import static router.config.Validation.uniqueKey;
import static router.config.Vocabulary.CONTENT_HANDLING_STRATEGIES;
import static router.config.Vocabulary.DEFAULT_KEY;

import java.util.Map;
import java.util.regex.Pattern;
import router.errors.BadRequestException;
import router.expression.ResponseKeys;
import router.model.IntegrationResponse;
import router.model.RouteResponse;

/** The rules of route responses and integration responses (create, update, delete). */
public final class ResponseRules {
  private final ConfigChecks checks;
  private final IdSource ids;
  private final AutoDeploy autoDeploy;

  ResponseRules(ConfigChecks checks, IdSource ids, AutoDeploy autoDeploy) {
    this.checks = checks;
    this.ids = ids;
    this.autoDeploy = autoDeploy;
  }

  // ---- Route responses --------------------------------------------------------------------------------------

  public Decision createRouteResponse(ApiState state, String routeId, RouteResponse input) {
    Map<String, RouteResponse> responses = routeResponses(existing(state), routeId);
    require(input.routeResponseKey(), "routeResponseKey");
    validate(responses, input, null);
    String id = unique(ids::shortId, responses);
    return autoDeploy.after(state, new ApiEvent.RouteResponseCreated(routeId, input.withId(id)), id);
  }

  public Decision updateRouteResponse(ApiState state, String routeId, String responseId, RouteResponse patch) {
    ApiConfig config = existing(state);
    RouteResponse current = routeResponse(config, routeId, responseId);
    validate(config.responsesOfRoute(routeId), patch, responseId);
    return autoDeploy.after(state, new ApiEvent.RouteResponseUpdated(routeId, current.merge(patch)), responseId);
  }

  public Decision deleteRouteResponse(ApiState state, String routeId, String responseId) {
    routeResponse(existing(state), routeId, responseId);
    return autoDeploy.after(state, new ApiEvent.RouteResponseDeleted(routeId, responseId), null);
  }

  private void validate(Map<String, RouteResponse> siblings, RouteResponse response, String selfId) {
    String key = response.routeResponseKey();
    if (key == null) return;
    if (!DEFAULT_KEY.equals(key)) {
      throw new BadRequestException(
          "Route response key " + key + " is invalid: WebSocket APIs support only the $default route response");
    }
    uniqueKey(siblings, RouteResponse::routeResponseKey, key, selfId, "Route response", "this route");
    if (response.modelSelectionExpression() != null) {
      checks.modelSelectionExpression(response.modelSelectionExpression());
    }
  }

  // ---- Integration responses --------------------------------------------------------------------------------

  public Decision createIntegrationResponse(ApiState state, String integrationId, IntegrationResponse input) {
    Map<String, IntegrationResponse> responses = integrationResponses(existing(state), integrationId);
    require(input.integrationResponseKey(), "integrationResponseKey");
    validate(responses, input, null);
    String id = unique(ids::shortId, responses);
    return autoDeploy.after(state, new ApiEvent.IntegrationResponseCreated(integrationId, input.withId(id)), id);
  }

  public Decision updateIntegrationResponse(
      ApiState state, String integrationId, String responseId, IntegrationResponse patch) {
    ApiConfig config = existing(state);
    IntegrationResponse current = integrationResponse(config, integrationId, responseId);
    validate(config.responsesOfIntegration(integrationId), patch, responseId);
    return autoDeploy.after(state,
        new ApiEvent.IntegrationResponseUpdated(integrationId, current.merge(patch)), responseId);
  }

  public Decision deleteIntegrationResponse(ApiState state, String integrationId, String responseId) {
    integrationResponse(existing(state), integrationId, responseId);
    return autoDeploy.after(state, new ApiEvent.IntegrationResponseDeleted(integrationId, responseId), null);
  }

  private void validate(Map<String, IntegrationResponse> siblings, IntegrationResponse response, String selfId) {
    String key = response.integrationResponseKey();
    if (key != null) {
      responseKeyPattern(key);
      uniqueKey(siblings, IntegrationResponse::integrationResponseKey, key, selfId, "Integration response",
          "this integration");
    }
    if (response.responseTemplates() != null) {
      templateKeys("responseTemplates", response.responseTemplates());
      checks.templates("responseTemplates", response.responseTemplates());
    }
    if (response.templateSelectionExpression() != null) {
      checks.responseTemplateSelectionExpression(response.templateSelectionExpression());
    }
    if (response.contentHandlingStrategy() != null) {
      oneOf("contentHandlingStrategy", response.contentHandlingStrategy(), CONTENT_HANDLING_STRATEGIES);
    }
  }

  /** The pattern an integration response key stands for ({@link ResponseKeys}); BadRequest when it does not compile. */
  public static Pattern responseKeyPattern(String key) {
    try {
      return ResponseKeys.pattern(key);
    } catch (ResponseKeys.InvalidKeyException e) {
      throw new BadRequestException(e.getMessage());
    }
  }
}
