package router.loadtest.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {

  private static final long MICROS = 1_000;

  @Test
  void percentilesOfUniformValuesMatchWithinHistogramPrecision() {
    Histogram h = new Histogram(3);
    // 1 µs .. 10,000 µs, once each: the p-th percentile is p % of 10 ms.
    for (long v = 1; v <= 10_000; v++) h.recordValue(v * MICROS);
    LatencySummary s = LatencySummary.of(h);
    assertEquals(10_000, s.count());
    assertEquals(5.0, s.p50(), 5.0 * 0.001);
    assertEquals(9.0, s.p90(), 9.0 * 0.001);
    assertEquals(9.9, s.p99(), 9.9 * 0.001);
    assertEquals(9.99, s.p999(), 9.99 * 0.001);
    assertEquals(10.0, s.max(), 10.0 * 0.001);
    assertEquals(5.0005, s.mean(), 5.0 * 0.001);
  }

  @Test
  void singleOutlierShowsAtTheTopPercentilesOnly() {
    Histogram h = new Histogram(3);
    for (int i = 0; i < 999; i++) h.recordValue(100 * MICROS);
    h.recordValue(1_000_000 * MICROS);
    LatencySummary s = LatencySummary.of(h);
    assertEquals(0.1, s.p99(), 0.1 * 0.001);
    assertEquals(1000.0, s.max(), 1000.0 * 0.001);
    assertEquals(1000.0, s.p9999(), 1000.0 * 0.001);
  }

  @Test
  void emptyHistogramSummarisesAsZeros() {
    assertEquals(LatencySummary.EMPTY, LatencySummary.of(new Histogram(3)));
    assertTrue(PercentilePoint.curve(new Histogram(3)).isEmpty());
  }

  @Test
  void percentileCurveRisesMonotonicallyToTheMaximum() {
    Histogram h = new Histogram(3);
    for (long v = 1; v <= 100_000; v++) h.recordValue(v * MICROS);
    List<PercentilePoint> curve = PercentilePoint.curve(h);
    assertTrue(curve.size() > 10);
    for (int i = 1; i < curve.size(); i++) {
      assertTrue(curve.get(i).percentile() >= curve.get(i - 1).percentile());
      assertTrue(curve.get(i).millis() >= curve.get(i - 1).millis());
    }
    assertEquals(100.0, curve.get(curve.size() - 1).millis(), 100.0 * 0.001);
  }
}
