package router.template;

/** A mapping template that cannot be compiled, worded like API Gateway's own rejection. */
public final class InvalidTemplateException extends RuntimeException {

  static final String PREFIX = "Invalid mapping expression specified: ";

  InvalidTemplateException(String detail, Throwable cause) {
    super(PREFIX + detail, cause);
  }
}
