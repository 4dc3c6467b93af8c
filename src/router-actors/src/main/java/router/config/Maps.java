package router.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Copy-on-write helpers for the small, insertion-ordered, unmodifiable maps of the configuration state. */
final class Maps {
  private Maps() {}

  static <K, V> Map<K, V> put(Map<K, V> map, K key, V value) {
    LinkedHashMap<K, V> copy = new LinkedHashMap<>(map);
    copy.put(key, value);
    return Collections.unmodifiableMap(copy);
  }

  static <K, V> Map<K, V> remove(Map<K, V> map, K key) {
    if (!map.containsKey(key)) return map;
    LinkedHashMap<K, V> copy = new LinkedHashMap<>(map);
    copy.remove(key);
    return Collections.unmodifiableMap(copy);
  }

  static <K, N, V> Map<K, Map<N, V>> putNested(Map<K, Map<N, V>> map, K key, N nestedKey, V value) {
    return put(map, key, put(map.getOrDefault(key, Map.of()), nestedKey, value));
  }

  static <K, N, V> Map<K, Map<N, V>> removeNested(Map<K, Map<N, V>> map, K key, N nestedKey) {
    Map<N, V> nested = map.get(key);
    if (nested == null || !nested.containsKey(nestedKey)) return map;
    return put(map, key, remove(nested, nestedKey));
  }
}
