package router.integration;

/** An integration request that could not be completed (backend unreachable, unsupported, malformed answer). */
public final class IntegrationException extends RuntimeException {

  public IntegrationException(String message) {
    super(message, null, false, false);
  }

  /** With the failure that caused it (e.g. a {@code ConnectException}), kept for callers that tell causes apart. */
  public IntegrationException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
