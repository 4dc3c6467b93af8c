package router.loadtest.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import org.junit.jupiter.api.Test;
import router.loadtest.stats.Counts;
import router.loadtest.stats.LatencySummary;

class MaxSearchTest {

  private static RunResult result(double throughput, long timeouts, double p99) {
    return new RunResult(Mode.ROUNDTRIP, "t", "ws://127.0.0.1/", Map.of(),
        new Counts(100, 100 - timeouts, timeouts, 0, 0, 0, 0, 0, 0), throughput, "msg/s", 1,
        new LatencySummary(100, 1, 1, 1, p99, p99, p99, p99), List.of(), List.of(), Map.of());
  }

  @Test
  void stepHoldsWhenItDeliversItsRateWithinTheLatencyBound() {
    assertTrue(MaxSearch.holds(result(980, 0, 5), 1000, 50));
  }

  @Test
  void stepDoesNotHoldWhenShortOfRateOrLateOrLosingMessages() {
    assertFalse(MaxSearch.holds(result(960, 0, 5), 1000, 50));
    assertFalse(MaxSearch.holds(result(1000, 0, 51), 1000, 50));
    assertFalse(MaxSearch.holds(result(1000, 1, 5), 1000, 50));
  }

  /**
   * A fake target that sustains up to {@code capacity} msg/s; the calls listed in {@code slowCalls} (0-based, in the
   * order the search runs steps) deliver half their rate, like a step hit by a GC pause or a neighbour's burst.
   */
  private static final class FakeTarget implements MaxSearch.StepRunner {
    final double capacity;
    final Set<Integer> slowCalls;
    final List<Double> rates = new ArrayList<>();

    FakeTarget(double capacity, Integer... slowCalls) {
      this.capacity = capacity;
      this.slowCalls = new HashSet<>(List.of(slowCalls));
    }

    @Override
    public RunResult step(double rate) {
      boolean slow = slowCalls.contains(rates.size());
      rates.add(rate);
      return result(slow ? rate / 2 : Math.min(rate, capacity), 0, 5);
    }
  }

  @Test
  void findsTheCapacityBetweenTheLastRateThatHeldAndTheFirstThatFailedTwice() throws Exception {
    FakeTarget target = new FakeTarget(9000);
    MaxSearch.Outcome o = MaxSearch.search(target, 2000, 1.5, 3, 50);
    // 2000, 3000, 4500, 6750 hold; 10125 delivers 9000 < 97 %: fails, and fails its retry.
    assertEquals(6750, target.rates.get(3), 1e-9);
    assertEquals(List.of(10125.0, 10125.0), target.rates.subList(4, 6));
    assertTrue(o.sustainedRate() >= 8000 && o.sustainedRate() <= 9000 / MaxSearch.HOLD_FRACTION,
        "sustained " + o.sustainedRate());
    assertEquals(o.sustainedRate(), o.best().throughput(), 1e-9);
  }

  @Test
  void aSingleSlowStepDoesNotEndTheSearch() throws Exception {
    // The second step (3000 msg/s) is slow once: without a retry the search would stop at 2000.
    MaxSearch.Outcome o = MaxSearch.search(new FakeTarget(9000, 1), 2000, 1.5, 3, 50);
    assertTrue(o.sustainedRate() >= 8000, "sustained " + o.sustainedRate());
    assertEquals(1, o.steps().stream().filter(s -> Boolean.TRUE.equals(s.get("retry"))
        && Boolean.TRUE.equals(s.get("held"))).count());
  }

  @Test
  void aSingleSlowBisectionStepDoesNotLowerTheResult() throws Exception {
    FakeTarget steady = new FakeTarget(9000);
    double expected = MaxSearch.search(steady, 2000, 1.5, 3, 50).sustainedRate();
    // Call 6 is the first bisection step (after 4 that held and the failed 10125 with its retry).
    MaxSearch.Outcome o = MaxSearch.search(new FakeTarget(9000, 6), 2000, 1.5, 3, 50);
    assertEquals(expected, o.sustainedRate(), 1e-9);
  }

  @Test
  void aRateThatFailsTwiceIsNotSustained() throws Exception {
    // Both tries at 3000 msg/s are slow: the search stops there and 2000 is the result.
    MaxSearch.Outcome o = MaxSearch.search(new FakeTarget(9000, 1, 2), 2000, 1.5, 0, 50);
    assertEquals(2000, o.sustainedRate(), 1e-9);
    assertEquals(3000, o.firstFailedRate(), 1e-9);
  }

  @Test
  void stepsDownWhenTheStartRateDoesNotHold() throws Exception {
    FakeTarget target = new FakeTarget(1000);
    MaxSearch.Outcome o = MaxSearch.search(target, 2000, 1.5, 2, 50);
    // 2000 and 1333 fail twice each; 889 holds; bisection: 1111 fails twice, 1000 holds.
    assertEquals(List.of(2000.0, 2000.0, 1333.0, 1333.0, 889.0, 1111.0, 1111.0, 1000.0), target.rates);
    assertEquals(1000, o.sustainedRate(), 1e-9);
    assertEquals(1111, o.firstFailedRate(), 1e-9);
  }

  @Test
  void noRateHoldsOnATargetBelowTheLowestRate() throws Exception {
    FakeTarget target = new FakeTarget(MaxSearch.MIN_RATE / 2);
    MaxSearch.Outcome o = MaxSearch.search(target, 2000, 1.5, 3, 50);
    assertEquals(0, o.sustainedRate(), 1e-9);
    assertEquals(null, o.best());
    assertTrue(target.rates.stream().allMatch(r -> r >= MaxSearch.MIN_RATE), target.rates.toString());
  }
}
