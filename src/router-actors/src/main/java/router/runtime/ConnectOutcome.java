package router.runtime;

/**
 * Whether a connection may be established, decided by the {@code $connect} route: accepted, or refused with the
 * HTTP status and message the client receives instead of the upgrade.
 */
public record ConnectOutcome(boolean accepted, int statusCode, String message) {

  public static final ConnectOutcome ACCEPTED = new ConnectOutcome(true, 101, "");

  public static ConnectOutcome refused(int statusCode, String message) {
    return new ConnectOutcome(false, statusCode, message);
  }
}
