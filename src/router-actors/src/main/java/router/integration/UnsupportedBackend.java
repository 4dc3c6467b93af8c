package router.integration;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The backend of an integration type this version of Router stores but does not call yet: every call fails. */
public final class UnsupportedBackend implements IntegrationBackend {
  private final IntegrationType type;

  public UnsupportedBackend(IntegrationType type) {
    this.type = type;
  }

  @Override
  public CompletionStage<IntegrationResult> invoke(IntegrationRequest request) {
    return CompletableFuture.failedFuture(
        new IntegrationException("Integration type " + type + " is not supported by this version of Router yet"));
  }
}
