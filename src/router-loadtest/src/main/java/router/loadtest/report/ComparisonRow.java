package router.loadtest.report;

import java.util.LinkedHashMap;
import java.util.Map;

/** One line of the router ÷ baseline table; a missing side is null (the run is pending). */
public record ComparisonRow(String test, String metric, Double baseline, Double router, Target target) {

  /** Router ÷ baseline, or null. */
  public Double ratio() {
    return baseline == null || router == null || baseline == 0 ? null : router / baseline;
  }

  /** "PASS", "SHORT", "pending" (a side missing) or "" (no target). */
  public String verdict() {
    if (baseline == null || router == null) return "pending";
    if (target.check() == null) return "";
    return target.check().test(baseline, router) ? "PASS" : "SHORT";
  }

  /** The row as a JSON-ready map. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("test", test);
    m.put("metric", metric);
    m.put("baseline", baseline);
    m.put("router", router);
    m.put("ratio", ratio());
    m.put("target", target.text());
    m.put("verdict", verdict());
    return m;
  }
}
