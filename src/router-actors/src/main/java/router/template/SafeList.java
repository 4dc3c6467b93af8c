package router.template;

import java.util.ArrayList;
import java.util.Collection;

/**
 * The list type templates see for JSON arrays, list literals and copied method results; its
 * {@code toString}, {@code equals} and {@code hashCode} stay within the render's limits even when a
 * template nests one list in another many times over.
 */
public final class SafeList extends ArrayList<Object> {

  public SafeList() {
    super();
  }

  SafeList(Collection<?> elements) {
    super(elements);
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
