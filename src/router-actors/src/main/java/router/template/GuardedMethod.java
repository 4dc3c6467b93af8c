package router.template;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.apache.velocity.util.introspection.VelMethod;

/**
 * An allowed method call, made within the render's budget: it costs one unit and a deadline check,
 * growth-prone {@code String} methods are pre-checked, and the result is adopted into the safe
 * value world (strings charged and capped, collections copied).
 */
record GuardedMethod(VelMethod inner, int line, int column) implements VelMethod {

  @Override
  public Object invoke(Object receiver, Object[] args)
      throws IllegalAccessException, InvocationTargetException {
    RenderBudget budget = RenderBudget.current();
    budget.at(line, column);
    budget.checkDeadline();
    budget.charge(1);
    if (receiver instanceof String text) {
      Object result = BoundedStrings.invoke(text, inner.getMethodName(), args, budget);
      if (result != BoundedStrings.NOT_HANDLED) {
        return SafeValues.adopt(result, budget);
      }
    }
    return SafeValues.adopt(inner.invoke(receiver, args), budget);
  }

  @Override
  public boolean isCacheable() {
    return inner.isCacheable();
  }

  @Override
  public String getMethodName() {
    return inner.getMethodName();
  }

  @Override
  public Method getMethod() {
    return inner.getMethod();
  }

  @Override
  public Class<?> getReturnType() {
    return inner.getReturnType();
  }
}
