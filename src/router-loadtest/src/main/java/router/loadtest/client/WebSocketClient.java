package router.loadtest.client;

import java.util.concurrent.CompletionStage;

/** Opens client WebSocket connections to one URL. */
public interface WebSocketClient extends AutoCloseable {

  /**
   * Opens connection number {@code index}; completes once the upgrade succeeded, or
   * exceptionally (connect error, or a non-101 answer: {@link UpgradeRejected}).
   */
  CompletionStage<ClientConnection> open(int index, FrameListener listener);

  /** Stops the client; connections still open are dropped. */
  @Override
  void close();
}
