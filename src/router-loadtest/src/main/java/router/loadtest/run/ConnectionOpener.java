package router.loadtest.run;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import router.loadtest.client.ClientConnection;
import router.loadtest.client.WebSocketClient;
import router.loadtest.client.FrameListener;
import router.loadtest.stats.Counters;

/**
 * Opens {@code n} connections with at most {@code concurrency} attempts at a time; a failed
 * attempt is counted in {@link Counters#connectFailures} and leaves a null slot.
 */
final class ConnectionOpener {

  private final WebSocketClient connector;
  private final FrameListener listener;
  private final Counters counters;
  private final AtomicReferenceArray<ClientConnection> opened;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger finished = new AtomicInteger();
  private final CompletableFuture<ClientConnection[]> all = new CompletableFuture<>();
  private final int n;

  private ConnectionOpener(WebSocketClient connector, FrameListener listener, Counters counters, int n) {
    this.connector = connector;
    this.listener = listener;
    this.counters = counters;
    this.n = n;
    this.opened = new AtomicReferenceArray<>(n);
  }

  /** Starts opening connections 0..n-1. */
  static ConnectionOpener start(WebSocketClient connector, FrameListener listener, Counters counters,
      int n, int concurrency) {
    ConnectionOpener opener = new ConnectionOpener(connector, listener, counters, n);
    if (n == 0) opener.all.complete(new ClientConnection[0]);
    for (int i = 0; i < Math.min(concurrency, n); i++) opener.openNext();
    return opener;
  }

  /** Completes with all slots (null = failed) once every attempt has finished. */
  CompletableFuture<ClientConnection[]> future() {
    return all;
  }

  private void openNext() {
    int i = next.getAndIncrement();
    if (i >= n) return;
    connector.open(i, listener).whenComplete((connection, error) -> {
      if (error != null) {
        counters.connectFailures.increment();
      } else {
        opened.set(i, connection);
      }
      if (finished.incrementAndGet() == n) {
        ClientConnection[] result = new ClientConnection[n];
        for (int j = 0; j < n; j++) result[j] = opened.get(j);
        all.complete(result);
      } else {
        openNext();
      }
    });
  }

  /** Attempts finished so far (for progress). */
  int finished() {
    return finished.get();
  }
}
