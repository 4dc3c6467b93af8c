package router.integration;

import java.util.Map;

/** Substitutes {@code ${stageVariables.name}} in integration URIs and connection ids, as API Gateway does at call time. */
public final class StageVariables {
  private static final String OPEN = "${stageVariables.";

  private StageVariables() {}

  /** {@code text} with every {@code ${stageVariables.name}} replaced by its value (empty when undefined). */
  public static String resolve(String text, Map<String, String> variables) {
    if (text == null || !text.contains(OPEN)) return text;
    StringBuilder out = new StringBuilder(text.length());
    int from = 0;
    while (true) {
      int start = text.indexOf(OPEN, from);
      int end = start < 0 ? -1 : text.indexOf('}', start);
      if (end < 0) {
        out.append(text, from, text.length());
        return out.toString();
      }
      out.append(text, from, start);
      String value = variables.get(text.substring(start + OPEN.length(), end));
      if (value != null) out.append(value);
      from = end + 1;
    }
  }
}
