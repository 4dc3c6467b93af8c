package router.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import router.expression.ExpressionContext;
import router.expression.ExpressionKind;
import router.expression.InvalidExpressionException;
import router.expression.SelectionExpression;

/**
 * An integration's {@code requestParameters}, compiled once per deployment: each maps a source ({@code
 * route.request.header.X}, {@code route.request.querystring.X}, {@code route.request.body.X}, {@code context.X},
 * {@code stageVariables.X} or {@code 'static value'}) to a header or query string parameter of the integration
 * request. A source without a value for a message sends nothing, as API Gateway omits unmapped parameters.
 */
public final class RequestParameters {
  static final RequestParameters NONE = new RequestParameters(List.of());

  private static final String HEADER = "integration.request.header.";
  private static final String QUERY = "integration.request.querystring.";

  /** One mapping: a static value, or an expression evaluated per request. */
  private record Mapping(boolean header, String name, String staticValue, SelectionExpression source) {
    String value(ExpressionContext context) {
      return source == null ? staticValue : source.evaluate(context);
    }
  }

  /** Mapped headers and query string parameters of one request. */
  record Mapped(Map<String, String> headers, Map<String, String> queryString) {}

  private static final Mapped EMPTY = new Mapped(Map.of(), Map.of());

  private final List<Mapping> mappings;

  private RequestParameters(List<Mapping> mappings) {
    this.mappings = mappings;
  }

  /**
   * Compiles the mappings the control plane accepted. A source is rewritten into the selection-expression form
   * ({@code route.request.header.X} → {@code ${request.header.X}}) and compiled by the expression parser.
   */
  public static RequestParameters compile(Map<String, String> parameters) {
    if (parameters == null || parameters.isEmpty()) return NONE;
    List<Mapping> mappings = new ArrayList<>();
    parameters.forEach((key, source) -> {
      boolean header = key.startsWith(HEADER);
      if (!header && !key.startsWith(QUERY)) return; // path parameters have no meaning for WebSocket routes
      String name = key.substring(header ? HEADER.length() : QUERY.length());
      if (source != null && source.length() >= 2 && source.startsWith("'") && source.endsWith("'")) {
        mappings.add(new Mapping(header, name, source.substring(1, source.length() - 1), null));
        return;
      }
      SelectionExpression expression = expression(source);
      if (expression != null) mappings.add(new Mapping(header, name, null, expression));
    });
    return new RequestParameters(List.copyOf(mappings));
  }

  private static SelectionExpression expression(String source) {
    if (source == null) return null;
    String variable = source.startsWith("route.request.") ? source.substring("route.".length()) : source;
    try {
      return SelectionExpression.parse("${" + variable + "}", ExpressionKind.ROUTE_SELECTION);
    } catch (InvalidExpressionException e) {
      return null; // e.g. route.request.path.X: WebSocket routes have no path parameters
    }
  }

  boolean isEmpty() {
    return mappings.isEmpty();
  }

  /** The headers and query string parameters mapped for one request. */
  Mapped apply(ExpressionContext context) {
    if (mappings.isEmpty()) return EMPTY;
    Map<String, String> headers = new LinkedHashMap<>();
    Map<String, String> query = new LinkedHashMap<>();
    for (Mapping mapping : mappings) {
      String value = mapping.value(context);
      if (value == null || value.isEmpty()) continue;
      (mapping.header() ? headers : query).put(mapping.name(), value);
    }
    return new Mapped(headers, query);
  }
}
