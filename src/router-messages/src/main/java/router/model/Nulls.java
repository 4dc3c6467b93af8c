package router.model;

/** Null-coalescing for PATCH-style merges of resources. */
public final class Nulls {
  private Nulls() {}

  /** {@code value} unless it is null, then {@code fallback}. */
  public static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }
}
