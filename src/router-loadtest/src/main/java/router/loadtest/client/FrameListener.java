package router.loadtest.client;

/** Receives what arrives on client connections; called on stream threads, must not block. */
public interface FrameListener {

  /** A text frame arrived on {@code connection}. */
  void onText(ClientConnection connection, String text);

  /** A binary frame arrived (the tool sends text only; the router should never answer binary). */
  default void onBinary(ClientConnection connection) {}

  /** {@code connection} closed: by us ({@code byUs}) or by the peer or the network. */
  void onClosed(ClientConnection connection, boolean byUs);
}
