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
 * route.request.header.X}, {@code route.request.querystring.X}, {@code route.request.multivalueheader.X}, {@code
 * route.request.multivaluequerystring.X} (all from the {@code $connect} handshake), {@code route.request.body.X},
 * {@code context.X}, {@code stageVariables.X} or {@code 'static value'}) to a header or query string parameter of the
 * integration request. A source without a value for a message sends nothing, as API Gateway omits unmapped
 * parameters; a multi-value source sends its values joined by commas, as one header or parameter.
 */
public final class RequestParameters {
  static final RequestParameters NONE = new RequestParameters(List.of());

  private static final String HEADER = "integration.request.header.";
  private static final String QUERY = "integration.request.querystring.";

  private static final String MULTI_HEADER = "route.request.multivalueheader.";
  private static final String MULTI_QUERY = "route.request.multivaluequerystring.";

  /** Where a mapped value comes from. */
  private sealed interface Source {
    String value(ExpressionContext context);
  }

  private record StaticValue(String value) implements Source {
    @Override
    public String value(ExpressionContext context) {
      return value;
    }
  }

  private record Expression(SelectionExpression expression) implements Source {
    @Override
    public String value(ExpressionContext context) {
      return expression.evaluate(context);
    }
  }

  private record MultiValue(boolean header, String name) implements Source {
    @Override
    public String value(ExpressionContext context) {
      List<String> values = header ? context.requestMultiValueHeader(name)
          : context.multiValueQueryStringParameter(name);
      return values == null ? null : String.join(",", values);
    }
  }

  /** One mapping: a destination header or query string parameter and its source. */
  private record Mapping(boolean header, String name, Source source) {
    String value(ExpressionContext context) {
      return source.value(context);
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
      Source compiled = source(source);
      if (compiled != null) mappings.add(new Mapping(header, name, compiled));
    });
    return new RequestParameters(List.copyOf(mappings));
  }

  private static Source source(String source) {
    if (source == null) return null;
    if (source.length() >= 2 && source.startsWith("'") && source.endsWith("'")) {
      return new StaticValue(source.substring(1, source.length() - 1));
    }
    if (source.startsWith(MULTI_HEADER)) return new MultiValue(true, source.substring(MULTI_HEADER.length()));
    if (source.startsWith(MULTI_QUERY)) return new MultiValue(false, source.substring(MULTI_QUERY.length()));
    SelectionExpression expression = expression(source);
    return expression == null ? null : new Expression(expression);
  }

  private static SelectionExpression expression(String source) {
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
