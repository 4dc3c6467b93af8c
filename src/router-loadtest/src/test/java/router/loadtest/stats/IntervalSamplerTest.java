package router.loadtest.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.HdrHistogram.Recorder;
import org.junit.jupiter.api.Test;

class IntervalSamplerTest {

  private static final long MS = 1_000_000L;

  private final FakeClock clock = new FakeClock();
  private final Counters counters = new Counters();
  private final Recorder recorder = new Recorder(3);

  @Test
  void warmUpIntervalsAreNeitherThroughputNorLatency() {
    IntervalSampler sampler = new IntervalSampler(recorder, counters, clock, 1_000 * MS);
    second(500, 1 * MS);
    Interval warm = sampler.sample();
    second(1000, 2 * MS);
    Interval measured = sampler.sample();
    assertFalse(warm.measured());
    assertTrue(measured.measured());
    assertEquals(1000, sampler.measuredThroughput(), 1e-9);
    assertEquals(1000, sampler.measuredHistogram().getTotalCount());
    assertEquals(1500, sampler.allHistogram().getTotalCount());
  }

  @Test
  void drainAfterTheLastSendAddsLatencyButNotThroughput() {
    IntervalSampler sampler = new IntervalSampler(recorder, counters, clock, 0);
    second(2000, 1 * MS);
    sampler.endSending();
    second(10, 900 * MS);
    Interval drain = sampler.sample();
    assertFalse(drain.measured());
    assertEquals(2000, sampler.measuredThroughput(), 1e-9);
    assertEquals(1.0, sampler.measuredSeconds(), 1e-9);
    assertEquals(2010, sampler.measuredHistogram().getTotalCount());
    assertEquals(900.0, sampler.measuredHistogram().getMaxValue() / 1e6, 1.0);
  }

  @Test
  void intervalCarriesItsOwnCountsAndRates() {
    IntervalSampler sampler = new IntervalSampler(recorder, counters, clock, 0);
    counters.sent.add(300);
    second(250, 1 * MS);
    counters.timeouts.add(7);
    Interval i = sampler.sample();
    assertEquals(300, i.sentPerSecond(), 1e-9);
    assertEquals(250, i.receivedPerSecond(), 1e-9);
    assertEquals(7, i.counts().timeouts());
    assertEquals(1.0, i.latency().p50(), 0.01);
  }

  /** One second passes in which {@code n} replies arrive, each {@code latency} ns late. */
  private void second(int n, long latency) {
    for (int i = 0; i < n; i++) {
      counters.received.increment();
      recorder.recordValue(latency);
    }
    clock.advanceMillis(1_000);
  }
}
