package router.runtime;

import router.protocol.CloseCodes;

/**
 * How a connection closed: the RFC 6455 status code and reason that {@code $disconnect} reports as {@code
 * disconnectStatusCode} and {@code disconnectReason} — the client's own when it closed, the gateway's when it did.
 *
 * @param code the status code (1005 when the client's close frame had none, 1006 when the socket ended without one)
 * @param reason the close reason, empty when there was none
 */
public record CloseStatus(int code, String reason) {
  /** RFC 6455 §7.1.5: the close frame carried no status code. */
  public static final int NO_STATUS = 1005;

  /** RFC 6455 §7.1.5: the connection ended without a close frame. */
  public static final int ABNORMAL = 1006;

  /** What API Gateway reports for a connection closed through {@code @connections} DELETE. */
  public static final CloseStatus DELETED = new CloseStatus(CloseCodes.NORMAL, "Connection Closed Normally");

  /** The gateway goes away: its node shuts down, or the connection's stage was deleted. */
  public static final CloseStatus GOING_AWAY = new CloseStatus(CloseCodes.GOING_AWAY, "Going away");

  /** The socket ended without a close frame (the peer vanished, or the TCP connection was dropped). */
  public static final CloseStatus LOST = new CloseStatus(ABNORMAL, "");

  public CloseStatus {
    reason = reason == null ? "" : reason;
  }
}
