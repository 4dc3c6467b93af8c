package router.config;

import java.util.Map;
import router.errors.BadRequestException;
import router.expression.ExpressionKind;
import router.expression.InvalidExpressionException;
import router.expression.SelectionExpression;
import router.template.InvalidTemplateException;
import router.template.TemplateEngine;

/** {@link ConfigChecks} that compile expressions and templates exactly as a deployment will, once, at write time. */
public final class CompilingChecks implements ConfigChecks {
  private final TemplateEngine templates;

  public CompilingChecks(TemplateEngine templates) {
    this.templates = templates;
  }

  @Override
  public void routeSelectionExpression(String source) {
    expression(source, ExpressionKind.ROUTE_SELECTION);
  }

  @Override
  public void apiKeySelectionExpression(String source) {
    expression(source, ExpressionKind.API_KEY_SELECTION);
  }

  @Override
  public void templateSelectionExpression(String source) {
    expression(source, ExpressionKind.TEMPLATE_SELECTION);
  }

  @Override
  public void integrationResponseSelectionExpression(String source) {
    expression(source, ExpressionKind.INTEGRATION_RESPONSE_SELECTION);
  }

  @Override
  public void responseTemplateSelectionExpression(String source) {
    expression(source, ExpressionKind.RESPONSE_TEMPLATE_SELECTION);
  }

  @Override
  public void modelSelectionExpression(String source) {
    expression(source, ExpressionKind.TEMPLATE_SELECTION);
  }

  @Override
  public void templates(String field, Map<String, String> sources) {
    sources.forEach((key, source) -> {
      try {
        templates.compile(field + " " + key, source);
      } catch (InvalidTemplateException e) {
        throw new BadRequestException(e.getMessage());
      }
    });
  }

  private static void expression(String source, ExpressionKind kind) {
    try {
      SelectionExpression.parse(source, kind);
    } catch (InvalidExpressionException e) {
      throw new BadRequestException(e.getMessage());
    }
  }
}
