package router.loadtest.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A figure over repetitions: its median and its spread, the larger of (max − median) and (median − min) as a
 * percentage of the median, so every repetition lies within ± spread of the median.
 */
public record Spread(double median, double spreadPercent, List<Double> values) {

  /** A spread wider than this (±%) marks a figure as "wide": its repetitions disagree too much to be read alone. */
  public static final double WIDE_PERCENT = 15;

  /** The spread of {@code values} (at least one). */
  public static Spread of(List<Double> values) {
    if (values.isEmpty()) throw new IllegalArgumentException("no values");
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    double deviation = Math.max(sorted.get(n - 1) - median, median - sorted.get(0));
    double percent = median == 0 ? (deviation == 0 ? 0 : Double.POSITIVE_INFINITY) : 100 * deviation / Math.abs(median);
    return new Spread(median, percent, List.copyOf(values));
  }

  /** Whether the spread exceeds ±{@link #WIDE_PERCENT} %. */
  public boolean wide() {
    return spreadPercent > WIDE_PERCENT;
  }

  /** "1.23 ±4 %", "0.80 ±23 % (wide)", or the bare median for one repetition; {@code digits} after the point. */
  public String text(int digits) {
    String m = String.format(Locale.ROOT, "%." + digits + "f", median);
    if (values.size() < 2) return m;
    String s = Double.isInfinite(spreadPercent) ? "∞" : String.format(Locale.ROOT, "%.0f", spreadPercent);
    return m + " ±" + s + " %" + (wide() ? " (wide)" : "");
  }

  /** Median, spread and the repetitions' values, JSON-ready. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("median", median);
    m.put("spreadPercent", Double.isInfinite(spreadPercent) ? null : spreadPercent);
    m.put("wide", wide());
    m.put("values", values);
    return m;
  }
}
