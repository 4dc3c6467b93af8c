package router.template;

import java.util.Map;
import java.util.Set;
import org.apache.velocity.runtime.directive.ForeachScope;

/**
 * The only Java methods a mapping template may call, by receiver type. Anything else, including
 * everything on {@code Object} but {@code equals}/{@code toString}, is refused: there is no path to
 * {@code getClass()}, reflection, class loading, threads, files or the network.
 *
 * <p>Mutators exist only on {@link SafeList} and {@link SafeMap}, which the template itself built
 * or which hold this render's own copy of the payload; maps the caller supplies ({@code $context},
 * {@code $stageVariables}, parameters) are read-only to templates.
 */
final class MethodAllowlist {

  private static final Set<String> STRING = Set.of(
      "length", "isEmpty", "isBlank", "charAt", "codePointAt", "substring", "indexOf",
      "lastIndexOf", "contains", "startsWith", "endsWith", "equals", "equalsIgnoreCase",
      "compareTo", "compareToIgnoreCase", "contentEquals", "toLowerCase", "toUpperCase", "trim",
      "strip", "stripLeading", "stripTrailing", "replace", "replaceAll", "replaceFirst", "split",
      "matches", "concat", "repeat", "toString", "hashCode");
  private static final Set<String> NUMBER = Set.of(
      "intValue", "longValue", "doubleValue", "floatValue", "shortValue", "byteValue",
      "toString", "equals", "compareTo", "hashCode");
  private static final Set<String> SCALAR = Set.of(
      "booleanValue", "charValue", "toString", "equals", "compareTo", "hashCode");
  private static final Set<String> LIST_READ = Set.of(
      "size", "isEmpty", "get", "contains", "indexOf", "lastIndexOf", "equals", "toString",
      "hashCode");
  private static final Set<String> LIST_WRITE = Set.of("add", "set", "remove", "clear");
  private static final Set<String> MAP_READ = Set.of(
      "size", "isEmpty", "get", "getOrDefault", "containsKey", "containsValue", "keySet",
      "values", "entrySet", "equals", "toString", "hashCode");
  private static final Set<String> MAP_WRITE = Set.of("put", "putIfAbsent", "remove", "clear");
  private static final Set<String> ENTRY = Set.of("getKey", "getValue", "toString", "equals");
  private static final Set<String> INPUT = Set.of("getBody", "json", "path", "params");
  private static final Set<String> UTIL = Set.of(
      "escapeJavaScript", "parseJson", "urlEncode", "urlDecode", "base64Encode", "base64Decode");
  private static final Set<String> FOREACH = Set.of(
      "getIndex", "getCount", "hasNext", "getHasNext", "isFirst", "getFirst", "isLast",
      "getLast");

  private MethodAllowlist() {}

  static boolean allows(Object receiver, String method) {
    if (receiver instanceof String) {
      return STRING.contains(method);
    }
    if (receiver instanceof SafeList) {
      return LIST_READ.contains(method) || LIST_WRITE.contains(method);
    }
    if (receiver instanceof SafeMap) {
      return MAP_READ.contains(method) || MAP_WRITE.contains(method);
    }
    if (receiver instanceof ForeachScope) {
      return FOREACH.contains(method);
    }
    if (receiver instanceof java.util.List) {
      return LIST_READ.contains(method);
    }
    if (receiver instanceof Map) {
      return MAP_READ.contains(method);
    }
    if (receiver instanceof Map.Entry) {
      return ENTRY.contains(method);
    }
    if (receiver instanceof Number) {
      return NUMBER.contains(method);
    }
    if (receiver instanceof Boolean || receiver instanceof Character) {
      return SCALAR.contains(method);
    }
    if (receiver instanceof InputVariable) {
      return INPUT.contains(method);
    }
    if (receiver instanceof UtilVariable) {
      return UTIL.contains(method);
    }
    return false;
  }
}
