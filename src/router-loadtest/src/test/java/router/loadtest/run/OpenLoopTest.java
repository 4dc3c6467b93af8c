package router.loadtest.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * The open-loop timeline, on a clock the test drives: which events there are, when each is due, that none fires
 * early, and that late ones keep their own due times (no coordinated omission). Nothing here sleeps or reads the
 * wall clock; whether the tool holds its rate on a real machine is checked by bench/bench.
 */
class OpenLoopTest {
  private static final URI NOWHERE = URI.create("ws://127.0.0.1:9/");
  private static final long START = 1_000_000_000_000L;

  /** A nanosecond clock that moves on by {@code step} each time it is read, and by hand. */
  private static final class SteppingClock implements LongSupplier {
    private final long step;
    private long next;
    private long last;

    SteppingClock(long start, long step) {
      this.next = start;
      this.step = step;
    }

    @Override
    public long getAsLong() {
      last = next;
      next += step;
      return last;
    }

    void advance(long nanos) {
      next += nanos;
    }

    long lastRead() {
      return last;
    }
  }

  /** One event as fired: its index, its due time, and what the clock said when it fired. */
  private record Fired(long index, long due, long firedAt) {}

  private static List<Fired> run(LongSupplier clock, Object... overrides) {
    List<Fired> fired = new ArrayList<>();
    SteppingClock stepping = clock instanceof SteppingClock s ? s : null;
    OpenLoop.run(TestServers.settings(NOWHERE, overrides), clock, START,
        (i, due) -> fired.add(new Fired(i, due, stepping == null ? clock.getAsLong() : stepping.lastRead())));
    return fired;
  }

  /** A clock far past every due time: nothing waits. */
  private static final LongSupplier ALWAYS_LATE = () -> Long.MAX_VALUE / 2;

  @Test
  void firesTheCountWhenOneIsGivenInIndexOrder() {
    List<Fired> fired = run(ALWAYS_LATE, "rate", 100, "count", 7);
    assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L), fired.stream().map(Fired::index).toList());
  }

  @Test
  void firesDurationTimesRateEventsWithoutACount() {
    List<Fired> fired = run(ALWAYS_LATE, "rate", 250, "duration", "2s", "warmup", "0s", "count", 0);
    assertEquals(500, fired.size());
    assertEquals(START + 499 * 4_000_000L, fired.get(499).due());
  }

  @Test
  void eventIIsDueAtStartPlusIOverRateWithoutDrift() {
    // 3 per second: 333 333 333.3 ns apart. Adding up a rounded interval would drift by a nanosecond every three
    // events (1 µs by the last one here); each due time is computed from the start, so none is off by more
    // than the nanosecond of rounding.
    List<Fired> fired = run(ALWAYS_LATE, "rate", 3, "count", 3_001);
    assertEquals(3_001, fired.size());
    for (Fired f : fired) {
      long exact = START + f.index() * 1_000_000_000L / 3;
      assertTrue(Math.abs(f.due() - exact) <= 1, () -> f + " is not due at " + exact);
    }
  }

  @Test
  void noEventFiresBeforeItsDueTimeAndEachFiresWhenItIsDue() {
    // 10 ns apart on a clock that moves 3 ns a read: the loop must wait (park) before almost every event.
    SteppingClock clock = new SteppingClock(START, 3);
    List<Fired> fired = run(clock, "rate", 100_000_000, "count", 50);
    assertEquals(50, fired.size());
    for (Fired f : fired) {
      assertEquals(START + f.index() * 10, f.due(), f::toString);
      assertTrue(f.firedAt() >= f.due(), () -> "early: " + f);
      assertTrue(f.firedAt() < f.due() + 3, () -> "waited past the due time: " + f);
    }
  }

  @Test
  void lateEventsFireAtOnceKeepingTheirOwnDueTimes() {
    // Event 5 stalls the sender for 55 ns (5.5 intervals). The events due meanwhile are not skipped and not
    // re-timed: they go out back to back, one clock read (3 ns) apart, each stamped with when it was due (latency
    // counts from there), until the timeline is caught up at event 13.
    SteppingClock clock = new SteppingClock(START, 3);
    List<Fired> fired = new ArrayList<>();
    OpenLoop.run(TestServers.settings(NOWHERE, "rate", 100_000_000, "count", 20), clock, START, (i, due) -> {
      fired.add(new Fired(i, due, clock.lastRead()));
      if (i == 5) clock.advance(55);
    });
    assertEquals(20, fired.size(), "no event is skipped");
    List<Long> late = new ArrayList<>();
    for (Fired f : fired) {
      assertEquals(START + f.index() * 10, f.due(), "due times do not move: " + f);
      assertTrue(f.firedAt() >= f.due(), "early: " + f);
      if (f.firedAt() >= f.due() + 3) late.add(f.index());
    }
    assertEquals(List.of(6L, 7L, 8L, 9L, 10L, 11L, 12L), late);
    for (int i = 7; i <= 12; i++) {
      assertEquals(fired.get(i - 1).firedAt() + 3, fired.get(i).firedAt(), "no wait before late event " + i);
    }
  }
}
