package router.config;

/** Predictable resource ids for tests: {@code r1}, {@code i1}, {@code s1}, ... counted per kind. */
public final class SequentialIds implements IdSource {
  private int routes;
  private int integrations;
  private int shorts;

  @Override
  public String routeId() {
    return "r" + ++routes;
  }

  @Override
  public String integrationId() {
    return "i" + ++integrations;
  }

  @Override
  public String shortId() {
    return "s" + ++shorts;
  }
}
