package router.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class StagesTest {

  /** Like Scala's converted futures: every non-async callback is sent to another executor. */
  private static final class RedirectingFuture<T> extends CompletableFuture<T> {
    private final Executor elsewhere;

    RedirectingFuture(Executor elsewhere) {
      this.elsewhere = elsewhere;
    }

    @Override
    public <U> CompletableFuture<U> thenApply(java.util.function.Function<? super T, ? extends U> fn) {
      return thenApplyAsync(fn, elsewhere);
    }
  }

  @Test
  void aPlainFutureIsReturnedAsItIs() {
    CompletableFuture<String> plain = new CompletableFuture<>();
    assertSame(plain, Stages.plain(plain));
  }

  @Test
  void callbacksOnTheResultRunOnTheThreadThatCompletesTheStage() throws Exception {
    Executor never = command -> {
      throw new AssertionError("a callback was sent to another executor");
    };
    RedirectingFuture<String> scalaLike = new RedirectingFuture<>(never);
    AtomicReference<Thread> ranOn = new AtomicReference<>();
    CompletableFuture<Integer> length = Stages.plain(scalaLike).thenApply(s -> {
      ranOn.set(Thread.currentThread());
      return s.length();
    });
    Thread completer = new Thread(() -> scalaLike.complete("four"));
    completer.start();
    completer.join();
    assertEquals(4, length.get());
    assertSame(completer, ranOn.get());
  }

  @Test
  void failuresPassThrough() {
    RedirectingFuture<String> scalaLike = new RedirectingFuture<>(Runnable::run);
    CompletableFuture<String> plain = Stages.plain(scalaLike);
    scalaLike.completeExceptionally(new IllegalStateException("boom"));
    ExecutionException e = assertThrows(ExecutionException.class, plain::get);
    assertTrue(e.getCause() instanceof IllegalStateException);
  }
}
