package router.runtime;

import java.util.Map;
import java.util.regex.Pattern;
import router.expression.ExpressionContext;
import router.expression.SelectionExpression;
import router.template.CompiledTemplate;

/**
 * An integration response ready to use: the pattern its key stands for (null for {@code $default}), and its
 * compiled response templates with their selection expression, and whether the payload goes to the client as a
 * binary frame ({@code contentHandlingStrategy} {@code CONVERT_TO_BINARY}: the payload is base64, decoded), or
 * whether the integration's answer reaches the template and the client as the base64 of its bytes
 * ({@code CONVERT_TO_TEXT}).
 */
public record CompiledIntegrationResponse(String key, Pattern pattern, Map<String, CompiledTemplate> templates,
    SelectionExpression templateSelection, boolean convertToBinary, boolean convertToText) {

  private static final String DEFAULT_KEY = "$default";
  private static final String JSON = "application/json";

  /** Whether this response's key matches the evaluated integration response selection, as a whole. */
  public boolean matches(String selected) {
    return pattern != null && pattern.matcher(selected).matches();
  }

  /**
   * The response template to apply: the one the template selection expression names, else {@code $default}; with
   * no expression, {@code $default}, else {@code application/json}, else the only template. Null: pass through.
   */
  public CompiledTemplate template(ExpressionContext context) {
    if (templates.isEmpty()) return null;
    if (templateSelection != null) {
      CompiledTemplate selected = templates.get(templateSelection.evaluate(context));
      return selected != null ? selected : templates.get(DEFAULT_KEY);
    }
    CompiledTemplate template = templates.get(DEFAULT_KEY);
    if (template == null) template = templates.get(JSON);
    if (template == null && templates.size() == 1) template = templates.values().iterator().next();
    return template;
  }
}
