package router.loadtest.stats;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/** One point of a latency-by-percentile curve: percentile (0..100) and latency in milliseconds. */
public record PercentilePoint(double percentile, double millis) {

  /** Points per halving of the distance to 100 % (the HdrHistogram plot convention). */
  private static final int TICKS_PER_HALF_DISTANCE = 5;
  /** The curve stops once it reaches this percentile or the histogram's maximum. */
  private static final double LAST_PERCENTILE = 99.9999;

  /** The latency-by-percentile curve of {@code h} (values in nanoseconds). */
  public static List<PercentilePoint> curve(Histogram h) {
    List<PercentilePoint> points = new ArrayList<>();
    if (h.getTotalCount() == 0) return points;
    for (HistogramIterationValue v : h.percentiles(TICKS_PER_HALF_DISTANCE)) {
      double p = v.getPercentileLevelIteratedTo();
      points.add(new PercentilePoint(p, h.highestEquivalentValue(v.getValueIteratedTo()) / 1e6));
      if (p >= LAST_PERCENTILE) break;
    }
    return points;
  }
}
