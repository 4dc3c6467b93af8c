package router.loadtest.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Read access to a detailed run result as parsed back from JSON (the input of reports). */
public record RunData(Map<String, Object> json) {

  /** The number at a dotted path ("latencyMs.p99"), or null when absent. */
  public Double number(String path) {
    Object v = json;
    for (String key : path.split("\\.")) {
      if (!(v instanceof Map<?, ?> m)) return null;
      v = m.get(key);
    }
    return v instanceof Number n ? n.doubleValue() : null;
  }

  /** The string at a top-level key, or "". */
  public String string(String key) {
    Object v = json.get(key);
    return v == null ? "" : v.toString();
  }

  /** The latency-by-percentile curve: (percentile, ms) points. */
  public List<double[]> percentiles() {
    List<double[]> points = new ArrayList<>();
    if (json.get("percentiles") instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof List<?> pair && pair.size() == 2) {
          points.add(new double[] {((Number) pair.get(0)).doubleValue(), ((Number) pair.get(1)).doubleValue()});
        }
      }
    }
    return points;
  }

  /** (time, value) points of one interval field ("receivedPerSecond", "p99", ...). */
  public List<double[]> series(String field) {
    List<double[]> points = new ArrayList<>();
    if (json.get("intervals") instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> m && m.get("t") instanceof Number t && m.get(field) instanceof Number v) {
          points.add(new double[] {t.doubleValue(), v.doubleValue()});
        }
      }
    }
    return points;
  }
}
