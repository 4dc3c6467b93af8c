package router.integration;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The concurrency limit of one integration on this node: at most {@code maxConcurrent} backend calls run at once;
 * further calls wait, in arrival order, for a call to end. Each waiting call is a message that holds one of its
 * connection's in-flight slots, so a slow backend stops reads only on the sockets that call it (TCP back-pressure)
 * and the wait is bounded by connections × in-flight; {@code maxWaiting} bounds it again, refusing beyond it.
 * A call cancelled while it waits (its deadline passed) leaves the queue and never reaches the backend.
 */
public final class Bulkhead {
  /** No limit: for backends that answer in the calling thread (MOCK). */
  public static final Bulkhead NONE = new Bulkhead(Integer.MAX_VALUE, 0);

  private final int maxConcurrent;
  private final int maxWaiting;
  private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
  private int active;

  /** A call that waits for a permit; {@code result} is what the caller holds. */
  private record Waiter(Supplier<? extends CompletionStage<IntegrationResult>> call,
      CompletableFuture<IntegrationResult> result) {}

  public Bulkhead(int maxConcurrent, int maxWaiting) {
    if (maxConcurrent < 1) throw new IllegalArgumentException("maxConcurrent must be at least 1");
    this.maxConcurrent = maxConcurrent;
    this.maxWaiting = maxWaiting;
  }

  /**
   * Runs {@code call} now if a permit is free, else when one is. Cancelling the returned future cancels the
   * backend call (or removes a waiting one from the queue).
   */
  public CompletableFuture<IntegrationResult> call(Supplier<? extends CompletionStage<IntegrationResult>> call) {
    if (this == NONE) return start(call);
    Waiter waiter;
    synchronized (this) {
      if (active < maxConcurrent) {
        active++;
        waiter = null;
      } else if (waiting.size() >= maxWaiting) {
        return CompletableFuture.failedFuture(new IntegrationException("Integration concurrency limit reached: "
            + maxConcurrent + " calls running and " + maxWaiting + " waiting"));
      } else {
        waiter = new Waiter(call, new CompletableFuture<>());
        waiting.add(waiter);
      }
    }
    if (waiter == null) {
      CompletableFuture<IntegrationResult> started = start(call);
      started.whenComplete((result, error) -> release());
      return started;
    }
    waiter.result().whenComplete((result, error) -> {
      if (waiter.result().isCancelled()) forget(waiter);
    });
    return waiter.result();
  }

  /** Calls running now. */
  public synchronized int active() {
    return active;
  }

  /** Calls waiting for a permit. */
  public synchronized int waiting() {
    return waiting.size();
  }

  private static CompletableFuture<IntegrationResult> start(
      Supplier<? extends CompletionStage<IntegrationResult>> call) {
    try {
      return call.get().toCompletableFuture();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private synchronized void forget(Waiter waiter) {
    waiting.remove(waiter);
  }

  // A call ended: hand its permit to the first waiter still wanted, or give it back.
  private void release() {
    Waiter next;
    synchronized (this) {
      do {
        next = waiting.poll();
      } while (next != null && next.result().isDone());
      if (next == null) {
        active--;
        return;
      }
    }
    Waiter handed = next;
    CompletableFuture<IntegrationResult> started = start(handed.call());
    started.whenComplete((result, error) -> {
      release();
      if (error != null) handed.result().completeExceptionally(error);
      else handed.result().complete(result);
    });
    handed.result().whenComplete((result, error) -> {
      if (handed.result().isCancelled()) started.cancel(false);
    });
  }
}
