package router.template;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Keeps every value a template can reach bounded: copies foreign collections into {@link SafeList}
 * and {@link SafeMap}, charges produced strings to the budget, and renders collections as text
 * without ever building more than the string limit.
 */
final class SafeValues {

  private static final String SEPARATOR = ", ";

  private SafeValues() {}

  /** What a template gets back from a method call. */
  static Object adopt(Object value, RenderBudget budget) {
    if (value instanceof CharSequence text) {
      budget.chargeString(text.length());
      return value;
    }
    if (value instanceof SafeList || value instanceof SafeMap || value instanceof SafeRange) {
      return value;
    }
    if (value instanceof Collection<?> elements) {
      budget.charge(elements.size());
      return new SafeList(elements);
    }
    if (value instanceof Map<?, ?> entries) {
      budget.charge(entries.size());
      SafeMap copy = new SafeMap();
      copy.putAll(entries);
      return copy;
    }
    if (value instanceof Object[] array) {
      budget.charge(array.length);
      return new SafeList(Arrays.asList(array));
    }
    return value;
  }

  /**
   * {@code AbstractCollection}/{@code AbstractMap} formatting, failing at the string limit. Any
   * list is walked element by element, so nesting never multiplies the work past the limit.
   */
  static String stringify(Object value) {
    RenderBudget budget = RenderBudget.current();
    StringBuilder text = new StringBuilder();
    append(text, value, budget);
    budget.charge(text.length());
    return text.toString();
  }

  private static void append(StringBuilder text, Object value, RenderBudget budget) {
    budget.tick();
    if (value instanceof List<?> list) {
      text.append('[');
      String separator = "";
      for (Object element : list) {
        appendPart(text, separator, budget);
        append(text, element == list ? "(this Collection)" : element, budget);
        separator = SEPARATOR;
      }
      appendPart(text, "]", budget);
    } else if (value instanceof SafeMap map) {
      text.append('{');
      String separator = "";
      for (Map.Entry<Object, Object> entry : map.entrySet()) {
        appendPart(text, separator, budget);
        append(text, entry.getKey() == map ? "(this Map)" : entry.getKey(), budget);
        appendPart(text, "=", budget);
        append(text, entry.getValue() == map ? "(this Map)" : entry.getValue(), budget);
        separator = SEPARATOR;
      }
      appendPart(text, "}", budget);
    } else {
      appendPart(text, String.valueOf(value), budget);
    }
  }

  private static void appendPart(StringBuilder text, String part, RenderBudget budget) {
    long length = (long) text.length() + part.length();
    budget.checkStringLength(length);
    text.append(part);
  }
}
