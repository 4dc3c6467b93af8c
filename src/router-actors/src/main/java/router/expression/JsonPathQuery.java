package router.expression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSONPath compiled once and read against Jackson trees: simple paths ({@code .name}, {@code ['name']},
 * {@code ["name"]}, {@code [index]}) by an allocation-free walker, anything richer by Jayway json-path.
 */
public final class JsonPathQuery {

  private static final Configuration JAYWAY = Configuration.builder()
      .jsonProvider(new JacksonJsonNodeJsonProvider())
      .mappingProvider(new JacksonMappingProvider())
      .options(Option.SUPPRESS_EXCEPTIONS)
      .build();

  private final String path;
  /** Walker steps: a field name, or {@code null} where {@link #indexes} holds an array index. */
  private final String[] names;
  private final int[] indexes;
  private final JsonPath jayway;

  private JsonPathQuery(String path, String[] names, int[] indexes, JsonPath jayway) {
    this.path = path;
    this.names = names;
    this.indexes = indexes;
    this.jayway = jayway;
  }

  /**
   * Compiles {@code path}, which starts at the root {@code $} (e.g. {@code $.data.room}).
   *
   * @throws IllegalArgumentException when the path is not valid JSONPath
   */
  public static JsonPathQuery compile(String path) {
    JsonPathQuery simple = compileSimple(path);
    return simple != null ? simple : compileWithJayway(path);
  }

  static JsonPathQuery compileWithJayway(String path) {
    // Jayway would silently read "a.b" as "$.a.b".
    String unbalanced = path.startsWith("$") ? unbalanced(path) : "A path must start at the root $";
    if (unbalanced != null) {
      throw new IllegalArgumentException(unbalanced);
    }
    try {
      return new JsonPathQuery(path, null, null, JsonPath.compile(path));
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    } catch (RuntimeException e) {
      // Jayway 2.10 fails on some truncated paths such as "$[" with StringIndexOutOfBoundsException.
      throw new IllegalArgumentException("Could not parse path " + path, e);
    }
  }

  /**
   * Jayway silently accepts some broken paths ({@code $.a[} reads {@code $.a}, {@code $['a']x} drops the {@code x});
   * this catches them: brackets and parentheses must pair up outside quotes, and a top-level {@code ]} must be followed
   * by {@code .}, {@code [} or the end. Returns the problem, or {@code null}.
   */
  private static String unbalanced(String path) {
    StringBuilder open = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '[' || c == '(') {
        open.append(c);
      } else if (c == ']' || c == ')') {
        if (open.isEmpty() || open.charAt(open.length() - 1) != (c == ']' ? '[' : '(')) {
          return "Unbalanced '" + c + "' at position " + i;
        }
        open.setLength(open.length() - 1);
        char next = i + 1 < path.length() ? path.charAt(i + 1) : '.';
        if (open.isEmpty() && c == ']' && next != '.' && next != '[') {
          return "Unexpected '" + next + "' after ']' at position " + (i + 1);
        }
      }
    }
    if (quote != 0) {
      return "Unterminated quote";
    }
    return open.isEmpty() ? null : "Unclosed '" + open.charAt(open.length() - 1) + "'";
  }

  /** The path as written. */
  public String path() {
    return path;
  }

  boolean isSimple() {
    return jayway == null;
  }

  /**
   * The selected value, or {@code null} when nothing matches; an indefinite path (wildcard, deep scan, filter, slice)
   * yields an array of its matches.
   */
  public JsonNode read(JsonNode root) {
    if (root == null) {
      return null;
    }
    if (jayway != null) {
      JsonNode result = toNode(jayway.read(root, JAYWAY));
      // An indefinite path that matches nothing yields []; the guide resolves a path not found to "".
      return !jayway.isDefinite() && result != null && result.isArray() && result.isEmpty() ? null : result;
    }
    JsonNode node = root;
    for (int i = 0; i < names.length && node != null; i++) {
      if (names[i] != null) {
        node = node.get(names[i]);
      } else {
        int index = indexes[i];
        // Negative indexes count from the end, as in Jayway.
        node = index >= 0 ? node.get(index) : node.isArray() ? node.get(node.size() + index) : null;
      }
    }
    return node;
  }

  /** The selected value {@linkplain Stringify stringified}: {@code ""} when nothing matches. */
  public String readAsString(JsonNode root) {
    return Stringify.of(read(root));
  }

  @Override
  public String toString() {
    return path;
  }

  /** Parses {@code path} into walker steps, or returns {@code null} when it needs Jayway. */
  private static JsonPathQuery compileSimple(String path) {
    if (path.isEmpty() || path.charAt(0) != '$') {
      return null;
    }
    List<String> names = new ArrayList<>();
    List<Integer> indexes = new ArrayList<>();
    int i = 1;
    int n = path.length();
    while (i < n) {
      char c = path.charAt(i);
      if (c == '.') {
        int start = ++i;
        while (i < n && isNameChar(path.charAt(i))) {
          i++;
        }
        if (i == start) {
          return null;
        }
        names.add(path.substring(start, i));
        indexes.add(0);
      } else if (c == '[' && i + 1 < n && (path.charAt(i + 1) == '\'' || path.charAt(i + 1) == '"')) {
        int close = path.indexOf(path.charAt(i + 1), i + 2);
        if (close < 0 || close + 1 >= n || path.charAt(close + 1) != ']') {
          return null;
        }
        String name = path.substring(i + 2, close);
        if (name.indexOf('\\') >= 0) {
          return null;
        }
        names.add(name);
        indexes.add(0);
        i = close + 2;
      } else if (c == '[') {
        int close = path.indexOf(']', i);
        if (close < 0 || !path.substring(i + 1, close).matches("-?[0-9]{1,9}")) {
          return null;
        }
        names.add(null);
        indexes.add(Integer.parseInt(path.substring(i + 1, close)));
        i = close + 1;
      } else {
        return null;
      }
    }
    return new JsonPathQuery(path, names.toArray(String[]::new),
        indexes.stream().mapToInt(Integer::intValue).toArray(), null);
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-';
  }

  /** Jayway's Jackson provider unwraps scalar results into Java values; this wraps them back. */
  private static JsonNode toNode(Object value) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (value == null || value instanceof JsonNode) {
      return (JsonNode) value;
    } else if (value instanceof String s) {
      return f.textNode(s);
    } else if (value instanceof Boolean b) {
      return f.booleanNode(b);
    } else if (value instanceof Integer v) {
      return f.numberNode(v);
    } else if (value instanceof Long v) {
      return f.numberNode(v);
    } else if (value instanceof Double v) {
      return f.numberNode(v);
    } else if (value instanceof Float v) {
      return f.numberNode(v);
    } else if (value instanceof BigDecimal v) {
      return f.numberNode(v);
    } else if (value instanceof BigInteger v) {
      return f.numberNode(v);
    }
    return f.textNode(value.toString());
  }
}
