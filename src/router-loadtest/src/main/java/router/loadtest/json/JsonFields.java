package router.loadtest.json;

/**
 * Allocation-free scanning of one field in a reply frame: the hot path reads the sequence id
 * of every reply with it instead of parsing the frame.
 */
public final class JsonFields {

  /** Returned by {@link #longField} when the field is absent or not a non-negative integer. */
  public static final long MISSING = -1;

  private JsonFields() {}

  /**
   * The first non-negative integer value of {@code "name": N} in {@code text} (nested objects
   * included, whitespace around the colon allowed), or {@link #MISSING}.
   */
  public static long longField(String text, String name) {
    int from = 0;
    while (true) {
      int at = findKey(text, name, from);
      if (at < 0) return MISSING;
      int i = skipColon(text, at + name.length() + 2);
      from = at + name.length() + 2;
      if (i < 0) continue;
      long value = 0;
      int digits = 0;
      while (i < text.length()) {
        char c = text.charAt(i);
        if (c < '0' || c > '9') break;
        value = value * 10 + (c - '0');
        digits++;
        i++;
      }
      if (digits > 0 && digits < 19) return value;
    }
  }

  /** The first string value of {@code "name": "value"} in {@code text}, or null. */
  public static String stringField(String text, String name) {
    int from = 0;
    while (true) {
      int at = findKey(text, name, from);
      if (at < 0) return null;
      int i = skipColon(text, at + name.length() + 2);
      from = at + name.length() + 2;
      if (i >= 0 && i < text.length() && text.charAt(i) == '"') {
        int end = text.indexOf('"', i + 1);
        if (end > i) return text.substring(i + 1, end);
      }
    }
  }

  private static int findKey(String text, String name, int from) {
    int i = from;
    while (true) {
      i = text.indexOf(name, i);
      if (i < 1) return -1;
      int end = i + name.length();
      if (text.charAt(i - 1) == '"' && end < text.length() && text.charAt(end) == '"') return i - 1;
      i = end;
    }
  }

  /** Index of the first character after {@code : } starting at {@code i}, or -1. */
  private static int skipColon(String text, int i) {
    while (i < text.length() && text.charAt(i) == ' ') i++;
    if (i >= text.length() || text.charAt(i) != ':') return -1;
    i++;
    while (i < text.length() && text.charAt(i) == ' ') i++;
    return i;
  }
}
