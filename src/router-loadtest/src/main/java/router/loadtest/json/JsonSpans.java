package router.loadtest.json;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Finds the raw bytes of one top-level field's value in a UTF-8 JSON object, without decoding or
 * copying: the local Lambda backend answers an event's {@code body} with those very bytes. Only
 * the structure is checked as far as the scan needs; what it cannot walk is "not found".
 */
public final class JsonSpans {

  /** Returned when the field is absent or the text is not a walkable JSON object. */
  public static final long NOT_FOUND = -1;

  private JsonSpans() {}

  /** The span of the key as UTF-8 bytes, to look up with {@link #topLevelValue}. */
  public static byte[] key(String name) {
    return name.getBytes(StandardCharsets.UTF_8);
  }

  /** Start of the span packed by {@link #topLevelValue}. */
  public static int start(long span) {
    return (int) (span >>> 32);
  }

  /** End (exclusive) of the span packed by {@link #topLevelValue}. */
  public static int end(long span) {
    return (int) span;
  }

  /**
   * The raw value of the top-level field {@code key} of the object between {@code json}'s
   * position and limit, packed as {@code start << 32 | end} (offsets from the position): for a
   * string, the quotes included. {@link #NOT_FOUND} when absent or not an object.
   */
  public static long topLevelValue(ByteBuffer json, byte[] key) {
    int base = json.position();
    int end = json.limit();
    int i = skipWhitespace(json, base, end);
    if (i >= end || json.get(i) != '{') return NOT_FOUND;
    i = skipWhitespace(json, i + 1, end);
    if (i < end && json.get(i) == '}') return NOT_FOUND;
    while (i < end) {
      if (json.get(i) != '"') return NOT_FOUND;
      int keyEnd = skipString(json, i, end);
      if (keyEnd < 0) return NOT_FOUND;
      boolean match = equalsKey(json, i + 1, keyEnd - 1, key);
      i = skipWhitespace(json, keyEnd, end);
      if (i >= end || json.get(i) != ':') return NOT_FOUND;
      int valueStart = skipWhitespace(json, i + 1, end);
      int valueEnd = skipValue(json, valueStart, end);
      if (valueEnd < 0) return NOT_FOUND;
      if (match) return ((long) (valueStart - base) << 32) | (valueEnd - base);
      i = skipWhitespace(json, valueEnd, end);
      if (i >= end || json.get(i) != ',') return NOT_FOUND;
      i = skipWhitespace(json, i + 1, end);
    }
    return NOT_FOUND;
  }

  private static boolean equalsKey(ByteBuffer json, int from, int to, byte[] key) {
    if (to - from != key.length) return false;
    for (int k = 0; k < key.length; k++) if (json.get(from + k) != key[k]) return false;
    return true;
  }

  private static int skipWhitespace(ByteBuffer json, int i, int end) {
    while (i < end) {
      byte b = json.get(i);
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r') return i;
      i++;
    }
    return i;
  }

  /** End (exclusive) of the string starting with the quote at {@code i}, or -1. */
  private static int skipString(ByteBuffer json, int i, int end) {
    for (int p = i + 1; p < end; p++) {
      byte b = json.get(p);
      if (b == '\\') p++;
      else if (b == '"') return p + 1;
    }
    return -1;
  }

  /** End (exclusive) of the value starting at {@code i}, or -1. */
  private static int skipValue(ByteBuffer json, int i, int end) {
    if (i >= end) return -1;
    byte first = json.get(i);
    if (first == '"') return skipString(json, i, end);
    if (first == '{' || first == '[') {
      int depth = 0;
      for (int p = i; p < end; p++) {
        byte b = json.get(p);
        if (b == '"') {
          p = skipString(json, p, end) - 1;
          if (p < 0) return -1;
        } else if (b == '{' || b == '[') {
          depth++;
        } else if ((b == '}' || b == ']') && --depth == 0) {
          return p + 1;
        }
      }
      return -1;
    }
    int p = i;
    while (p < end) {
      byte b = json.get(p);
      if (b == ',' || b == '}' || b == ']' || b == ' ' || b == '\t' || b == '\n' || b == '\r') break;
      p++;
    }
    return p > i ? p : -1;
  }
}
