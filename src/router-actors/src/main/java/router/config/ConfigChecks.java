package router.config;

import java.util.Map;

/**
 * Checks that need the expression and template engines: each throws a {@code BadRequestException} whose message
 * says what is wrong. Implemented by {@code CompilingChecks}, which compiles exactly as a deployment will.
 */
public interface ConfigChecks {

  void routeSelectionExpression(String source);

  void apiKeySelectionExpression(String source);

  void templateSelectionExpression(String source);

  void integrationResponseSelectionExpression(String source);

  void responseTemplateSelectionExpression(String source);

  void modelSelectionExpression(String source);

  /** Each template must be under the size cap and parse as a Velocity template. */
  void templates(String field, Map<String, String> templates);
}
