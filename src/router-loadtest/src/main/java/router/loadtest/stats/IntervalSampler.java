package router.loadtest.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Turns the live {@link Recorder} and {@link Counters} into intervals: each call to
 * {@link #sample} closes the interval since the previous call. Intervals that begin at or after
 * the end of warm-up and end no later than the end of sending are "measured": they make the
 * reported throughput; latencies of every interval after warm-up make the reported histogram
 * (replies drained after the last send still count, or the slowest replies would be lost).
 */
public final class IntervalSampler {

  private final Recorder recorder;
  private final Counters counters;
  private final LongSupplier clock;
  private final long startNanos;
  private final long warmupEndNanos;
  private final List<Interval> intervals = new ArrayList<>();
  private final Histogram measuredHistogram;
  private final Histogram allHistogram;
  private Histogram recycled;
  private long lastNanos;
  private Counts lastCounts = Counts.ZERO;
  private long sendEndNanos = Long.MAX_VALUE;
  private long measuredReceived;
  private long measuredNanos;

  /** Starts the first interval now; latencies recorded into {@code recorder} in nanoseconds. */
  public IntervalSampler(Recorder recorder, Counters counters, LongSupplier clock, long warmupNanos) {
    this.recorder = recorder;
    this.counters = counters;
    this.clock = clock;
    this.startNanos = clock.getAsLong();
    this.lastNanos = startNanos;
    this.warmupEndNanos = startNanos + warmupNanos;
    this.measuredHistogram = new Histogram(3);
    this.allHistogram = new Histogram(3);
  }

  /** The time sampling began (the run's time zero). */
  public long startNanos() {
    return startNanos;
  }

  /** When warm-up ends. */
  public long warmupEndNanos() {
    return warmupEndNanos;
  }

  /** Marks the end of sending and closes the last measured interval; later ones are drain. */
  public synchronized Interval endSending() {
    long now = clock.getAsLong();
    sendEndNanos = now;
    return sample(now);
  }

  /** Closes the current interval at the current time and returns it. */
  public synchronized Interval sample() {
    return sample(clock.getAsLong());
  }

  private Interval sample(long now) {
    Histogram h = recorder.getIntervalHistogram(recycled);
    Counts counts = counters.snapshot();
    Counts delta = counts.minus(lastCounts);
    boolean afterWarmup = lastNanos >= warmupEndNanos;
    boolean measured = afterWarmup && now <= sendEndNanos && now > lastNanos;
    Interval interval = new Interval((now - startNanos) / 1e9, (now - lastNanos) / 1e9, delta,
        LatencySummary.of(h), measured);
    intervals.add(interval);
    allHistogram.add(h);
    if (afterWarmup) measuredHistogram.add(h);
    if (measured) {
      measuredReceived += delta.received();
      measuredNanos += now - lastNanos;
    }
    recycled = h;
    lastNanos = now;
    lastCounts = counts;
    return interval;
  }

  /** All intervals so far. */
  public synchronized List<Interval> intervals() {
    return List.copyOf(intervals);
  }

  /** Latencies of all intervals after warm-up. */
  public synchronized Histogram measuredHistogram() {
    return measuredHistogram.copy();
  }

  /** Latencies of all intervals, warm-up included. */
  public synchronized Histogram allHistogram() {
    return allHistogram.copy();
  }

  /** "So far" for progress: latencies after warm-up, or of the warm-up while it lasts. */
  public synchronized Histogram soFarHistogram() {
    return measuredHistogram.getTotalCount() > 0 ? measuredHistogram.copy() : allHistogram.copy();
  }

  /** Seconds covered by measured intervals. */
  public synchronized double measuredSeconds() {
    return measuredNanos / 1e9;
  }

  /** Replies per second over the measured intervals (0 when none). */
  public synchronized double measuredThroughput() {
    return measuredNanos == 0 ? 0 : measuredReceived / (measuredNanos / 1e9);
  }
}
