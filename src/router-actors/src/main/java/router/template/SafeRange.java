package router.template;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A {@code [a..b]} range as templates see it: still lazy, so {@code [1..2000000000]} costs nothing
 * until used and a {@code #foreach} over it stops at the loop cap, but printing it stops at the
 * string limit and walking it checks the render deadline.
 */
public final class SafeRange extends AbstractList<Object> implements RandomAccess {

  private final List<?> range;

  SafeRange(List<?> range) {
    this.range = range;
  }

  @Override
  public Object get(int index) {
    RenderBudget.current().tick();
    return range.get(index);
  }

  @Override
  public int size() {
    return range.size();
  }

  @Override
  public int indexOf(Object element) {
    return range.indexOf(element);
  }

  @Override
  public int lastIndexOf(Object element) {
    return range.lastIndexOf(element);
  }

  @Override
  public boolean contains(Object element) {
    return range.contains(element);
  }

  @Override
  public String toString() {
    return SafeValues.stringify(this);
  }
}
