package router.expression;

import java.util.List;
import java.util.Objects;

/**
 * An API Gateway selection expression, compiled once at deployment and evaluated against each message.
 *
 * <p>Grammar, as in the guide's "WebSocket selection expressions": {@code $name} or {@code ${name}} is a variable;
 * an unwrapped name runs over {@code [A-Za-z0-9_.-]} and bracket segments ({@code ['a b']}, {@code [0]},
 * {@code [*]}), braces set any other boundary. {@code \$} is a literal dollar sign; any other backslash is literal.
 * A {@code $} that starts no variable is rejected (write {@code \$}). A whole expression that is exactly
 * {@code $default}, {@code $connect} or {@code $disconnect} is that static value. Variables are resolved once: a value
 * that itself contains {@code $x} is never evaluated again. Missing values resolve to {@code ""}; JSON values are
 * rendered by {@link Stringify}.
 */
public final class SelectionExpression {

  private static final int VARIABLE_SIZE_HINT = 16;

  private final String source;
  private final ExpressionKind kind;
  private final Segment[] segments;
  /** The value of an expression without variables, otherwise {@code null}. */
  private final String staticValue;
  private final boolean referencesRequestBody;
  private final int sizeHint;

  private SelectionExpression(String source, ExpressionKind kind, List<Segment> segments) {
    this.source = source;
    this.kind = kind;
    this.segments = segments.toArray(Segment[]::new);
    boolean isStatic = segments.size() == 1 && segments.get(0) instanceof Segment.Literal;
    this.staticValue = isStatic ? ((Segment.Literal) segments.get(0)).text() : null;
    this.referencesRequestBody = segments.stream().anyMatch(s -> s instanceof Segment.RequestBody);
    this.sizeHint = segments.stream()
        .mapToInt(s -> s instanceof Segment.Literal literal ? literal.text().length() : VARIABLE_SIZE_HINT)
        .sum();
  }

  /**
   * Compiles {@code source} for use as {@code kind}.
   *
   * @throws InvalidExpressionException when the syntax is wrong, a JSONPath is invalid or a variable is unknown or not
   *     supported by {@code kind}
   */
  public static SelectionExpression parse(String source, ExpressionKind kind) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(kind, "kind");
    return new SelectionExpression(source, kind, ExpressionParser.parse(source, kind));
  }

  /** The expression as written. */
  public String source() {
    return source;
  }

  /** Where the expression is used. */
  public ExpressionKind kind() {
    return kind;
  }

  /** Whether the expression has no variables, so every message evaluates to the same value. */
  public boolean isStatic() {
    return staticValue != null;
  }

  /** Whether evaluation reads {@link ExpressionContext#requestBody()}, so the caller must parse the message as JSON. */
  public boolean referencesRequestBody() {
    return referencesRequestBody;
  }

  /** The value for one message: the key to look up among routes, templates or responses. */
  public String evaluate(ExpressionContext ctx) {
    if (staticValue != null) {
      return staticValue;
    }
    if (segments.length == 1) {
      return segments[0].resolve(ctx);
    }
    StringBuilder out = new StringBuilder(sizeHint);
    for (Segment segment : segments) {
      out.append(segment.resolve(ctx));
    }
    return out.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SelectionExpression that && source.equals(that.source) && kind == that.kind;
  }

  @Override
  public int hashCode() {
    return source.hashCode() * 31 + kind.hashCode();
  }

  @Override
  public String toString() {
    return source;
  }
}
