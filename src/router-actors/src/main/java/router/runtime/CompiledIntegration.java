package router.runtime;

import java.util.List;
import java.util.Map;
import router.expression.ExpressionContext;
import router.expression.SelectionExpression;
import router.integration.Bulkhead;
import router.integration.IntegrationBackend;
import router.model.Integration;
import router.model.IntegrationType;
import router.model.PassthroughBehavior;
import router.template.CompiledTemplate;

/**
 * An integration ready for the hot path: parsed request templates and selection expressions, integration responses
 * in match order, the backend that serves its type, and its timeout.
 */
public record CompiledIntegration(
    Integration source,
    IntegrationType type,
    PassthroughBehavior passthrough,
    SelectionExpression templateSelection,
    Map<String, CompiledTemplate> requestTemplates,
    SelectionExpression responseSelection,
    List<CompiledIntegrationResponse> patternResponses,
    CompiledIntegrationResponse defaultResponse,
    RequestParameters requestParameters,
    IntegrationBackend backend,
    Bulkhead bulkhead,
    long timeoutNanos) {

  private static final String DEFAULT_KEY = "$default";
  private static final String JSON = "application/json";

  /**
   * The request template for a message: the one the template selection expression names, falling back to
   * {@code $default}; without an expression, the {@code application/json} template, else {@code $default}. Null
   * when none applies (then the passthrough behaviour decides).
   */
  public CompiledTemplate requestTemplate(ExpressionContext context) {
    if (requestTemplates.isEmpty()) return null;
    if (templateSelection != null) {
      CompiledTemplate selected = requestTemplates.get(templateSelection.evaluate(context));
      return selected != null ? selected : requestTemplates.get(DEFAULT_KEY);
    }
    CompiledTemplate template = requestTemplates.get(JSON);
    return template != null ? template : requestTemplates.get(DEFAULT_KEY);
  }

  /** The integration response for an evaluated selection key: the first pattern that matches, else $default. */
  public CompiledIntegrationResponse response(String selected) {
    for (CompiledIntegrationResponse response : patternResponses) {
      if (response.matches(selected)) return response;
    }
    return defaultResponse;
  }
}
