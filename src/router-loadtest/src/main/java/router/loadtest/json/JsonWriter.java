package router.loadtest.json;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Minimal JSON writer for the tool's own reports: maps, lists, numbers, strings, booleans, null. */
public final class JsonWriter {

  private JsonWriter() {}

  /** Writes {@code value} as compact JSON on one line. */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder(256);
    append(out, value);
    return out.toString();
  }

  /** Appends {@code value} as compact JSON. */
  public static void append(StringBuilder out, Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      appendString(out, s);
    } else if (value instanceof Double d) {
      appendDouble(out, d);
    } else if (value instanceof Float f) {
      appendDouble(out, f.doubleValue());
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) out.append(',');
        first = false;
        appendString(out, String.valueOf(e.getKey()));
        out.append(':');
        append(out, e.getValue());
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) out.append(',');
        append(out, list.get(i));
      }
      out.append(']');
    } else {
      appendString(out, value.toString());
    }
  }

  private static void appendDouble(StringBuilder out, double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      out.append("null");
    } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      out.append((long) d);
    } else {
      // Three decimals are below the resolution of anything the tool measures.
      String s = String.format(Locale.ROOT, "%.3f", d);
      int end = s.length();
      while (s.charAt(end - 1) == '0') end--;
      if (s.charAt(end - 1) == '.') end--;
      out.append(s, 0, end);
    }
  }

  /** Appends {@code s} as a quoted, escaped JSON string. */
  public static void appendString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
