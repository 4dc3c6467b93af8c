package router.loadtest.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import router.loadtest.stats.Counts;
import router.loadtest.stats.Interval;
import router.loadtest.stats.LatencySummary;
import router.loadtest.stats.PercentilePoint;

/**
 * Everything a run found: counts, measured throughput, latency summary and curve, intervals,
 * plus mode-specific figures in {@code extra} (CPU, memory per connection, ...).
 */
public record RunResult(
    Mode mode,
    String label,
    String url,
    Map<String, Object> settings,
    Counts counts,
    double throughput,
    String throughputUnit,
    double measuredSeconds,
    LatencySummary latency,
    List<PercentilePoint> percentiles,
    List<Interval> intervals,
    Map<String, Object> extra) {

  /** The one-line summary: settings, counts, throughput, latency (ms) and extras. */
  public Map<String, Object> summary() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mode", mode.id());
    m.put("label", label);
    m.put("url", url);
    m.putAll(settings);
    m.put("seconds", measuredSeconds);
    m.put("throughput", throughput);
    m.put("unit", throughputUnit);
    m.putAll(counts.toMap());
    m.put("latencyMs", latency.toMap());
    m.putAll(extra);
    return m;
  }

  /** The summary plus the percentile curve and the intervals (the input of reports and compare). */
  public Map<String, Object> detailed() {
    Map<String, Object> m = summary();
    List<Object> curve = new ArrayList<>();
    for (PercentilePoint p : percentiles) curve.add(List.of(p.percentile(), p.millis()));
    m.put("percentiles", curve);
    List<Object> series = new ArrayList<>();
    for (Interval i : intervals) series.add(i.toMap());
    m.put("intervals", series);
    return m;
  }
}
