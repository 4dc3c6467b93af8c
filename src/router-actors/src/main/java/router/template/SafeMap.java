package router.template;

import java.util.LinkedHashMap;

/**
 * The map type templates see for JSON objects, map literals and copied method results; its
 * {@code toString}, {@code equals} and {@code hashCode} stay within the render's limits even when a
 * template nests one map in another many times over.
 */
public final class SafeMap extends LinkedHashMap<Object, Object> {

  public SafeMap() {
    super();
  }

  @Override
  public String toString() {
    return SafeValues.stringify(this);
  }

  @Override
  public boolean equals(Object other) {
    RenderBudget.current().tick();
    return super.equals(other);
  }

  @Override
  public int hashCode() {
    RenderBudget.current().tick();
    return super.hashCode();
  }
}
