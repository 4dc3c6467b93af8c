package router.integration.http;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The connections to one backend {@code scheme://host:port}: idle ones kept for reuse (most recently used first, so
 * the warmest connection serves next and the others reach their idle timeout), and a cap on open ones. Thread-safe.
 */
final class HostPool {
  private final ConcurrentLinkedDeque<PooledConnection> idle = new ConcurrentLinkedDeque<>();
  private final AtomicInteger open = new AtomicInteger();
  private final int maxConnections;
  private final Supplier<PooledConnection> opener;

  HostPool(int maxConnections, Supplier<PooledConnection> opener) {
    this.maxConnections = maxConnections;
    this.opener = opener;
  }

  /** An idle open connection, or a new one; null when {@code maxConnections} are open and busy. */
  PooledConnection acquire() {
    PooledConnection connection;
    while ((connection = idle.pollFirst()) != null) {
      if (connection.isOpen()) return connection;
    }
    if (open.incrementAndGet() > maxConnections) {
      open.decrementAndGet();
      return null;
    }
    PooledConnection fresh;
    try {
      fresh = opener.get();
    } catch (RuntimeException e) {
      open.decrementAndGet();
      throw e;
    }
    fresh.terminated().whenComplete((done, error) -> {
      open.decrementAndGet();
      idle.remove(fresh);
    });
    return fresh;
  }

  /** Returns a connection whose exchange completed, for reuse. */
  void release(PooledConnection connection) {
    if (connection.isOpen()) idle.offerFirst(connection);
  }
}
