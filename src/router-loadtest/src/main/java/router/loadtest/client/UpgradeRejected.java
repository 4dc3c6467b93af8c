package router.loadtest.client;

/** The target answered the WebSocket upgrade with something other than 101 Switching Protocols. */
public final class UpgradeRejected extends RuntimeException {

  private final int status;

  UpgradeRejected(int status, String reason) {
    super("upgrade rejected: HTTP " + status + " (" + reason + ")", null, false, false);
    this.status = status;
  }

  /** The HTTP status of the answer. */
  public int status() {
    return status;
  }
}
