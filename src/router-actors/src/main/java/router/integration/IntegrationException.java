package router.integration;

/** An integration request that could not be completed (backend unreachable, unsupported, malformed answer). */
public final class IntegrationException extends RuntimeException {

  public IntegrationException(String message) {
    super(message, null, false, false);
  }
}
