package router.integration;

import java.util.concurrent.CompletionStage;

/**
 * Performs integration requests of one {@link BackendKind}. Never blocks the caller: the answer (or a failure such
 * as {@link IntegrationException}) completes the returned stage.
 *
 * <p>The caller enforces the deadline: when {@link IntegrationRequest#deadlineNanos()} passes first, it cancels
 * the stage's {@code CompletableFuture} ({@code toCompletableFuture().cancel(false)}) and drops whatever comes
 * later. A backend whose request can be aborted (an HTTP exchange, an SDK call) aborts it when its future is
 * cancelled, so the backend sees the request end.
 */
@FunctionalInterface
public interface IntegrationBackend {

  CompletionStage<IntegrationResult> invoke(IntegrationRequest request);
}
