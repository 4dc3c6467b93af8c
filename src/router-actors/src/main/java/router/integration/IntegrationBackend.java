package router.integration;

import java.util.concurrent.CompletionStage;

/**
 * Performs integration requests of one integration type. Never blocks the caller: the answer (or a failure such as
 * {@link IntegrationException}) completes the returned stage. Deadlines are enforced by the caller.
 */
@FunctionalInterface
public interface IntegrationBackend {

  CompletionStage<IntegrationResult> invoke(IntegrationRequest request);
}
