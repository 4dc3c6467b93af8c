package router.loadtest.stats;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Latency percentiles of a histogram recorded in nanoseconds, reported in milliseconds. */
public record LatencySummary(long count, double mean, double p50, double p90, double p99,
    double p999, double p9999, double max) {

  private static final double NANOS_PER_MILLI = 1_000_000.0;

  /** No samples. */
  public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0);

  /** Summarises {@code h} (values in nanoseconds). */
  public static LatencySummary of(Histogram h) {
    if (h.getTotalCount() == 0) return EMPTY;
    return new LatencySummary(h.getTotalCount(), h.getMean() / NANOS_PER_MILLI,
        ms(h, 50), ms(h, 90), ms(h, 99), ms(h, 99.9), ms(h, 99.99),
        h.getMaxValue() / NANOS_PER_MILLI);
  }

  private static double ms(Histogram h, double percentile) {
    return h.getValueAtPercentile(percentile) / NANOS_PER_MILLI;
  }

  /** The summary as a JSON-ready map (milliseconds). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", count);
    m.put("mean", mean);
    m.put("p50", p50);
    m.put("p90", p90);
    m.put("p99", p99);
    m.put("p999", p999);
    m.put("p9999", p9999);
    m.put("max", max);
    return m;
  }
}
