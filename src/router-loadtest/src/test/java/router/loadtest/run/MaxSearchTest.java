package router.loadtest.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
}
