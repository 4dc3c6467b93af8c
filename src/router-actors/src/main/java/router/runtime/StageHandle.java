package router.runtime;


/**
 * The live pointer to what one (apiId, stage) serves. Connections keep the handle and read {@link #current()} for
 * each message, so a redeployment takes effect at once without touching connections; null when the stage is not
 * (or no longer) served.
 */
public final class StageHandle {
  private final String apiId;
  private final String stageName;
  private volatile CompiledStage current;
  private volatile CompiledStage lastServed;

  public StageHandle(String apiId, String stageName) {
    this.apiId = apiId;
    this.stageName = stageName;
  }

  public CompiledStage current() {
    return current;
  }

  /** Swaps what the stage serves (null: no longer served); called by the node's stage registry. */
  public void set(CompiledStage stage) {
    if (stage != null) this.lastServed = stage;
    this.current = stage;
  }

  /** What the stage serves, or served last if it was retired: {@code $disconnect} of connections it closed. */
  public CompiledStage lastServed() {
    return lastServed;
  }

  public String apiId() {
    return apiId;
  }

  public String stageName() {
    return stageName;
  }
}
