package router.expression;

/** A selection expression rejected at parse time, with API Gateway's message prefix. */
public final class InvalidExpressionException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** {@code detail} says what is wrong and where; positions are zero-based character offsets into the source. */
  public InvalidExpressionException(String detail) {
    this(detail, null);
  }

  public InvalidExpressionException(String detail, Throwable cause) {
    super("Invalid selection expression specified: " + detail, cause);
  }
}
