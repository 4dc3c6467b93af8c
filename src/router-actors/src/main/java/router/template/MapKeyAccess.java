package router.template;

import java.util.Map;
import org.apache.velocity.util.introspection.VelPropertyGet;
import org.apache.velocity.util.introspection.VelPropertySet;

/**
 * {@code $map.key} and {@code #set($map.key = ...)}: always the map entry, never a Java getter, so
 * {@code $map.class} is the key "class" and not {@code getClass()}.
 */
record MapKeyAccess(String key) implements VelPropertyGet, VelPropertySet {

  @Override
  public Object invoke(Object map) {
    return ((Map<?, ?>) map).get(key);
  }

  @Override
  public Object invoke(Object map, Object value) {
    RenderBudget budget = RenderBudget.current();
    budget.checkDeadline();
    budget.charge(1);
    return ((SafeMap) map).put(key, value);
  }

  @Override
  public boolean isCacheable() {
    return true;
  }

  @Override
  public String getMethodName() {
    return "get";
  }
}
