package router.integration;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The backend of an integration type this version of Router stores but does not call yet: every call fails. */
public final class UnsupportedBackend implements IntegrationBackend {
  private final BackendKind kind;

  public UnsupportedBackend(BackendKind kind) {
    this.kind = kind;
  }

  @Override
  public CompletionStage<IntegrationResult> invoke(IntegrationRequest request) {
    return CompletableFuture.failedFuture(
        new IntegrationException("No " + kind + " backend is available on this node"));
  }
}
