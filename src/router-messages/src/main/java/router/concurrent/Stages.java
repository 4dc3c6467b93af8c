package router.concurrent;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Plain {@link CompletableFuture}s from the {@link CompletionStage}s Pekko's Java APIs return.
 *
 * <p>Those stages are Scala futures converted by {@code scala.jdk.FutureConverters}, whose {@code thenApply},
 * {@code whenComplete} and the other non-async methods run their callback asynchronously on
 * {@code ForkJoinPool.commonPool()} — and on a machine with two cores the common pool's parallelism is 1, so the JDK
 * runs each such callback on a new thread (two threads per HTTP integration call, as the benchmark found). A stage
 * passed through {@link #plain} completes a plain future on the thread that completed the Scala one, so what is
 * chained on it runs there, as it would on any JDK future.
 */
public final class Stages {
  /** Runs a callback on the thread that completes the stage. */
  private static final Executor SAME_THREAD = Runnable::run;

  private Stages() {}

  /** {@code stage} as a plain JDK future whose dependent callbacks run where it completes. */
  public static <T> CompletableFuture<T> plain(CompletionStage<T> stage) {
    if (stage.getClass() == CompletableFuture.class) return (CompletableFuture<T>) stage;
    CompletableFuture<T> plain = new CompletableFuture<>();
    // whenCompleteAsync with an explicit executor is not redirected to the common pool.
    stage.whenCompleteAsync((value, failure) -> {
      if (failure != null) plain.completeExceptionally(failure);
      else plain.complete(value);
    }, SAME_THREAD);
    return plain;
  }
}
