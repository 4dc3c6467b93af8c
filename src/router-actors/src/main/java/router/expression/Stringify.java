package router.expression;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Turns a JSON value into the string API Gateway compares with route and template keys.
 *
 * <p>The guide says a JSONPath result "will be stringified. For example, if your JSONPath expression returns an array
 * of two elements, that will be presented as the string {@code [item1, item2]}", which is Java's {@code List.toString}.
 * We follow that Java-collection rendering throughout: text is the text itself (no quotes), integral numbers are their
 * digits ({@code 1}), other numbers their plain decimal form ({@code 1.5}, {@code 1.0}, never an exponent), booleans
 * {@code true}/{@code false}, JSON {@code null} and missing values {@code ""}, arrays {@code [a, b]} and objects
 * {@code {k=v, k2=v2}} in document order, their elements stringified by the same rules (so a null element is empty).
 */
public final class Stringify {

  private Stringify() {}

  /** The key for {@code node}; {@code ""} when it is null, missing or JSON {@code null}. */
  public static String of(JsonNode node) {
    if (node == null) {
      return "";
    }
    return switch (node.getNodeType()) {
      case STRING -> node.textValue();
      case NUMBER -> number(node);
      case BOOLEAN -> node.booleanValue() ? "true" : "false";
      case NULL, MISSING -> "";
      case ARRAY, OBJECT -> {
        StringBuilder out = new StringBuilder(32);
        appendContainer(out, node);
        yield out.toString();
      }
      case BINARY, POJO -> node.asText();
    };
  }

  /** The key for a multi-valued header: {@code [a, b]}, like an array; {@code ""} when there is none. */
  public static String of(List<String> values) {
    if (values == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(32).append('[');
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      out.append(i == 0 ? "" : ", ").append(value == null ? "" : value);
    }
    return out.append(']').toString();
  }

  private static String number(JsonNode node) {
    if (node.isIntegralNumber() || ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue()))) {
      return node.asText();
    }
    return node.decimalValue().toPlainString();
  }

  private static void append(StringBuilder out, JsonNode node) {
    if (node.isContainerNode()) {
      appendContainer(out, node);
    } else {
      out.append(of(node));
    }
  }

  private static void appendContainer(StringBuilder out, JsonNode node) {
    if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        append(out, node.get(i));
      }
      out.append(']');
    } else {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        out.append(first ? "" : ", ").append(field.getKey()).append('=');
        append(out, field.getValue());
        first = false;
      }
      out.append('}');
    }
  }
}
