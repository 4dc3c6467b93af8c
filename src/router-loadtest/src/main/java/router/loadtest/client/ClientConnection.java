package router.loadtest.client;

/**
 * One client WebSocket connection: its index in the run, a non-blocking send and, in push mode,
 * the connectionId the target gave it. Implementations keep per-connection state small.
 */
public interface ClientConnection {

  /** Outcome of {@link #send}. */
  enum SendResult { SENT, QUEUE_FULL, CLOSED }

  /** Position of this connection in the run (0-based). */
  int index();

  /** Sends {@code text} as one text frame; never blocks. */
  SendResult send(String text);

  /** Starts a normal close (close frame, then wait for the peer's). */
  void close();

  /** True once {@link #close} was called. */
  boolean closing();

  /** True once the connection has ended. */
  boolean closed();

  /** The target's id of this connection (push mode), or null. */
  String connectionId();

  /** Records the target's id of this connection. */
  void connectionId(String id);
}
