package router.deploy;

/** Stage handles for tests outside this package. */
public final class StageHandles {
  private StageHandles() {}

  /** The handle of a stage with nothing live (deleted since the connection opened): no route runs on it. */
  public static StageHandle unserved(String apiId, String stageName) {
    return new StageHandle(apiId, stageName);
  }
}
