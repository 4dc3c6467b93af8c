package router.runtime;

import java.util.Map;

/**
 * Whether a connection may be established, decided by the {@code $connect} route: accepted (with the headers a
 * proxy integration returned for the handshake response, such as {@code Sec-WebSocket-Protocol}), or refused with
 * the HTTP status and message the client receives instead of the upgrade.
 */
public record ConnectOutcome(boolean accepted, int statusCode, String message, Map<String, String> headers) {

  public static final ConnectOutcome ACCEPTED = new ConnectOutcome(true, 101, "", Map.of());

  public static ConnectOutcome accepted(Map<String, String> headers) {
    return headers.isEmpty() ? ACCEPTED : new ConnectOutcome(true, 101, "", Map.copyOf(headers));
  }

  public static ConnectOutcome refused(int statusCode, String message) {
    return new ConnectOutcome(false, statusCode, message, Map.of());
  }

  /** The subprotocol the backend chose for the handshake ({@code Sec-WebSocket-Protocol}), or null. */
  public String subprotocol() {
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase("Sec-WebSocket-Protocol")) return header.getValue();
    }
    return null;
  }
}
