package router.deploy;

import router.runtime.CompiledStage;

/**
 * The live pointer to what one (apiId, stage) serves. Connections keep the handle and read {@link #current()} for
 * each message, so a redeployment takes effect at once without touching connections; null when the stage is not
 * (or no longer) served.
 */
public final class StageHandle {
  private final String apiId;
  private final String stageName;
  private volatile CompiledStage current;

  StageHandle(String apiId, String stageName) {
    this.apiId = apiId;
    this.stageName = stageName;
  }

  public CompiledStage current() {
    return current;
  }

  void set(CompiledStage stage) {
    this.current = stage;
  }

  public String apiId() {
    return apiId;
  }

  public String stageName() {
    return stageName;
  }
}
