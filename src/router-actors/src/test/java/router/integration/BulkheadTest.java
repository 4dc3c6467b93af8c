package router.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class BulkheadTest {
  private static final IntegrationResult OK = new IntegrationResult(200, Map.of(), "ok");

  /** A backend whose calls stay open until the test completes them. */
  private static final class HeldBackend {
    final List<CompletableFuture<IntegrationResult>> calls = new ArrayList<>();

    CompletableFuture<IntegrationResult> invoke() {
      CompletableFuture<IntegrationResult> call = new CompletableFuture<>();
      calls.add(call);
      return call;
    }
  }

  @Test
  void runsAtMostTheLimitAndStartsWaitersInArrivalOrder() throws Exception {
    Bulkhead bulkhead = new Bulkhead(2, 10);
    HeldBackend backend = new HeldBackend();
    List<CompletableFuture<IntegrationResult>> results = new ArrayList<>();
    for (int i = 0; i < 5; i++) results.add(bulkhead.call(backend::invoke));

    assertEquals(2, backend.calls.size());
    assertEquals(2, bulkhead.active());
    assertEquals(3, bulkhead.waiting());

    backend.calls.get(0).complete(OK);
    assertEquals(3, backend.calls.size(), "the first waiter starts when a call ends");
    assertEquals(OK, results.get(0).get());
    assertFalse(results.get(2).isDone());

    backend.calls.get(2).complete(new IntegrationResult(201, Map.of(), "third"));
    assertEquals("third", results.get(2).get().body(), "the third caller gets the third call's answer");
    assertEquals(2, bulkhead.active());
  }

  @Test
  void refusesBeyondTheWaitingLimit() {
    Bulkhead bulkhead = new Bulkhead(1, 1);
    HeldBackend backend = new HeldBackend();
    bulkhead.call(backend::invoke);
    bulkhead.call(backend::invoke);

    CompletableFuture<IntegrationResult> refused = bulkhead.call(backend::invoke);

    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, refused::get);
    assertInstanceOf(IntegrationException.class, e.getCause());
    assertEquals(1, backend.calls.size());
  }

  @Test
  void aWaiterCancelledAtItsDeadlineNeverReachesTheBackend() {
    Bulkhead bulkhead = new Bulkhead(1, 10);
    HeldBackend backend = new HeldBackend();
    bulkhead.call(backend::invoke);
    CompletableFuture<IntegrationResult> waiter = bulkhead.call(backend::invoke);

    waiter.cancel(false);
    assertEquals(0, bulkhead.waiting());
    backend.calls.get(0).complete(OK);

    assertEquals(1, backend.calls.size());
    assertEquals(0, bulkhead.active(), "the permit went back");
  }

  @Test
  void cancellingAStartedWaiterCancelsItsBackendCallAndFreesThePermit() {
    Bulkhead bulkhead = new Bulkhead(1, 10);
    HeldBackend backend = new HeldBackend();
    bulkhead.call(backend::invoke);
    CompletableFuture<IntegrationResult> second = bulkhead.call(backend::invoke);
    backend.calls.get(0).complete(OK);

    second.cancel(false);

    assertTrue(backend.calls.get(1).isCancelled());
    assertEquals(0, bulkhead.active());
  }

  @Test
  void aBackendThatThrowsFreesItsPermit() {
    Bulkhead bulkhead = new Bulkhead(1, 10);
    CompletableFuture<IntegrationResult> failed = bulkhead.call(() -> {
      throw new IntegrationException("boom");
    });

    assertTrue(failed.isCompletedExceptionally());
    assertEquals(0, bulkhead.active());
  }
}
