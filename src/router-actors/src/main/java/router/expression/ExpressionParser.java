package router.expression;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import router.expression.Segment.ContextVariable;
import router.expression.Segment.IntegrationResponseBody;
import router.expression.Segment.IntegrationResponseHeader;
import router.expression.Segment.IntegrationResponseMultiValueHeader;
import router.expression.Segment.IntegrationStatusCode;
import router.expression.Segment.Literal;
import router.expression.Segment.QueryString;
import router.expression.Segment.RequestBody;
import router.expression.Segment.RequestHeader;
import router.expression.Segment.StageVariable;
import router.expression.Segment.Variable;

/** Compiles the source of a selection expression into segments, rejecting what API Gateway would reject. */
final class ExpressionParser {

  /** AWS writes {@code routeResponseSelectionExpression} as a bare {@code $default}: a whole reserved key is static. */
  private static final Set<String> RESERVED_KEYS = Set.of("$default", "$connect", "$disconnect");

  private final String source;
  private final ExpressionKind kind;

  private ExpressionParser(String source, ExpressionKind kind) {
    this.source = source;
    this.kind = kind;
  }

  /** The segments of {@code source}, adjacent literal text merged into one {@link Literal}. */
  static List<Segment> parse(String source, ExpressionKind kind) {
    ExpressionParser parser = new ExpressionParser(source, kind);
    List<Segment> segments = RESERVED_KEYS.contains(source) ? List.of(new Literal(source)) : parser.segments();
    parser.checkShape(segments);
    return segments;
  }

  private List<Segment> segments() {
    List<Segment> segments = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int n = source.length();
    int i = 0;
    while (i < n) {
      char c = source.charAt(i);
      if (c == '\\' && i + 1 < n && source.charAt(i + 1) == '$') {
        // The guide's only escape: \$default evaluates to the literal $default. Any other backslash is literal.
        literal.append('$');
        i += 2;
      } else if (c != '$') {
        literal.append(c);
        i++;
      } else {
        int end;
        String name;
        if (i + 1 < n && source.charAt(i + 1) == '{') {
          int close = closingBrace(i + 2);
          if (close < 0) {
            throw fail("Unterminated ${", i, "");
          }
          name = source.substring(i + 2, close);
          if (name.isEmpty()) {
            throw fail("Empty ${}", i, "");
          }
          end = close + 1;
        } else {
          end = endOfUnwrapped(i + 1);
          name = source.substring(i + 1, end);
          if (name.isEmpty()) {
            throw fail("Unescaped $", i, "; write \\$ for a literal dollar sign");
          }
        }
        if (!literal.isEmpty()) {
          segments.add(new Literal(literal.toString()));
          literal.setLength(0);
        }
        segments.add(checked(variable(name, source.substring(i, end), i), i));
        i = end;
      }
    }
    if (!literal.isEmpty() || segments.isEmpty()) {
      segments.add(new Literal(literal.toString()));
    }
    return segments;
  }

  private Variable variable(String name, String spelling, int position) {
    if (isPathUnder(name, "request.body")) {
      return new RequestBody(spelling, jsonPath(name, "request.body", spelling, position));
    }
    if (isPathUnder(name, "integration.response.body")) {
      return new IntegrationResponseBody(spelling, jsonPath(name, "integration.response.body", spelling, position));
    }
    // The guide prints the default integration response selection expression as ${response.statuscode}.
    if (name.equals("integration.response.statuscode") || name.equals("response.statuscode")) {
      return new IntegrationStatusCode(spelling);
    }
    String rest;
    if ((rest = nameAfter("request.header.", name, spelling, position)) != null) {
      return new RequestHeader(spelling, rest);
    }
    if ((rest = nameAfter("request.querystring.", name, spelling, position)) != null) {
      return new QueryString(spelling, rest);
    }
    if ((rest = nameAfter("context.", name, spelling, position)) != null) {
      return new ContextVariable(spelling, rest);
    }
    if ((rest = nameAfter("stageVariables.", name, spelling, position)) != null) {
      return new StageVariable(spelling, rest);
    }
    if ((rest = nameAfter("integration.response.header.", name, spelling, position)) != null) {
      return new IntegrationResponseHeader(spelling, rest);
    }
    if ((rest = nameAfter("integration.response.multivalueheader.", name, spelling, position)) != null) {
      return new IntegrationResponseMultiValueHeader(spelling, rest);
    }
    String word = "$" + name.split("[^A-Za-z]", 2)[0];
    String hint = RESERVED_KEYS.contains(word)
        ? "; write \\" + word + " for the literal route key"
        : "; " + kind.displayName() + " expressions support " + kind.supported();
    throw fail("Unknown variable " + spelling, position, hint);
  }

  private Variable checked(Variable variable, int position) {
    if (!kind.allows(variable)) {
      throw fail(variable.source() + " is not supported in " + kind.displayName() + " expressions", position,
          "; supported: " + kind.supported());
    }
    return variable;
  }

  private void checkShape(List<Segment> segments) {
    if (!kind.allowsLiteralText() && !(segments.size() == 1 && segments.get(0) instanceof Variable)) {
      throw new InvalidExpressionException(kind.displayName() + " expressions must be " + kind.supported()
          + ", not '" + source + "'");
    }
  }

  private static boolean isPathUnder(String name, String prefix) {
    return name.startsWith(prefix)
        && (name.length() == prefix.length() || name.charAt(prefix.length()) == '.'
            || name.charAt(prefix.length()) == '[');
  }

  private JsonPathQuery jsonPath(String name, String prefix, String spelling, int position) {
    try {
      return JsonPathQuery.compile("$" + name.substring(prefix.length()));
    } catch (IllegalArgumentException e) {
      throw new InvalidExpressionException("Invalid JSONPath in " + spelling + " at position " + position + " in '"
          + source + "': " + e.getMessage(), e);
    }
  }

  /** The name after {@code prefix}, or {@code null} when {@code name} does not start with it. */
  private String nameAfter(String prefix, String name, String spelling, int position) {
    if (!name.startsWith(prefix)) {
      return null;
    }
    String rest = name.substring(prefix.length());
    if (rest.isEmpty() || !rest.chars().allMatch(c -> isNameChar((char) c))) {
      throw fail("Invalid name '" + rest + "' in " + spelling, position, "; names use letters, digits, '_', '-', '.'");
    }
    return rest;
  }

  /** An unwrapped variable runs over {@code [A-Za-z0-9_.-]} and bracket segments; braces set other boundaries. */
  private int endOfUnwrapped(int from) {
    int i = from;
    while (i < source.length()) {
      char c = source.charAt(i);
      if (isNameChar(c)) {
        i++;
      } else if (c == '[') {
        int close = closingBracket(i);
        if (close < 0) {
          throw fail("Unterminated [", i, "");
        }
        i = close + 1;
      } else {
        break;
      }
    }
    return i;
  }

  private static boolean isNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
        || c == '-';
  }

  /** The {@code ]} matching the {@code [} at {@code open}, skipping quoted text and nested brackets; -1 if none. */
  private int closingBracket(int open) {
    int depth = 0;
    char quote = 0;
    for (int i = open; i < source.length(); i++) {
      char c = source.charAt(i);
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '[') {
        depth++;
      } else if (c == ']' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  /** The first {@code }} from {@code from} outside quoted text (a JSONPath may quote a brace); -1 if none. */
  private int closingBrace(int from) {
    char quote = 0;
    for (int i = from; i < source.length(); i++) {
      char c = source.charAt(i);
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '}') {
        return i;
      }
    }
    return -1;
  }

  private InvalidExpressionException fail(String what, int position, String hint) {
    return new InvalidExpressionException(what + " at position " + position + " in '" + source + "'" + hint);
  }
}
