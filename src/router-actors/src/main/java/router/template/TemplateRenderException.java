package router.template;

/** A render that failed: a Velocity error, a sandbox violation or an exceeded limit. */
public final class TemplateRenderException extends RuntimeException {

  TemplateRenderException(String message) {
    super(message);
  }

  TemplateRenderException(String message, Throwable cause) {
    super(message, cause);
  }
}
