package router.template;

/** A render that failed: a Velocity error, a sandbox violation or an exceeded limit. */
public final class TemplateRenderException extends RuntimeException {
  private final int line;
  private final int column;

  TemplateRenderException(String message) {
    this(message, null);
  }

  TemplateRenderException(String message, Throwable cause) {
    this(message, cause, 0, 0);
  }

  TemplateRenderException(String message, Throwable cause, int line, int column) {
    super(message, cause);
    this.line = line;
    this.column = column;
  }

  /** The template line the render failed at (1-based); 0 when not known. */
  public int line() {
    return line;
  }

  /** The column on {@link #line()}; 0 when not known. */
  public int column() {
    return column;
  }
}
