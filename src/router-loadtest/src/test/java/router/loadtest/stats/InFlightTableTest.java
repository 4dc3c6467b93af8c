package router.loadtest.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InFlightTableTest {

  private static final long MS = 1_000_000L;

  private final FakeClock clock = new FakeClock();
  private final Counters counters = new Counters();
  private final InFlightTable table = new InFlightTable(1024, clock, counters);

  @Test
  void latencyRunsFromTheScheduledTimeSoAStallIsNotHidden() {
    // Ten messages scheduled 1 ms apart; the target stalls and answers them all at t0 + 100 ms.
    long t0 = clock.now();
    long[] seqs = new long[10];
    for (int i = 0; i < 10; i++) seqs[i] = table.register(0, t0 + i * MS);
    clock.advanceMillis(100);
    for (int i = 0; i < 10; i++) {
      assertEquals((100 - i) * MS, table.complete(seqs[i], clock.now()));
    }
    assertEquals(10, counters.received.sum());
  }

  @Test
  void sweepCountsEachUnansweredMessageOnceAfterTheTimeout() {
    long a = table.register(3, clock.now());
    long b = table.register(4, clock.now());
    table.complete(a, clock.now());
    List<Integer> owners = new ArrayList<>();
    clock.advanceMillis(499);
    table.sweep(500 * MS, false, owners::add);
    assertEquals(0, counters.timeouts.sum());
    clock.advanceMillis(2);
    table.sweep(500 * MS, false, owners::add);
    table.sweep(500 * MS, false, owners::add);
    assertEquals(1, counters.timeouts.sum());
    assertEquals(List.of(4), owners);
    assertEquals(InFlightTable.NO_MATCH, table.complete(b, clock.now()));
    assertEquals(1, counters.late.sum());
    assertEquals(1, counters.received.sum());
  }

  @Test
  void sweepOfEverythingTimesOutAllThatIsLeft() {
    for (int i = 0; i < 5; i++) table.register(i, clock.now());
    table.sweep(60_000 * MS, true, owner -> {});
    assertEquals(5, counters.timeouts.sum());
    assertEquals(0, counters.snapshot().outstanding());
  }

  @Test
  void failedSendIsNotAlsoCountedAsATimeout() {
    long seq = table.register(0, clock.now());
    table.fail(seq);
    clock.advanceMillis(1_000);
    table.sweep(500 * MS, false, owner -> {});
    assertEquals(1, counters.sendFailures.sum());
    assertEquals(0, counters.timeouts.sum());
    assertEquals(0, counters.snapshot().outstanding());
  }

  @Test
  void duplicateReplyCountsAsLateNotAsASecondReceipt() {
    long seq = table.register(0, clock.now());
    table.complete(seq, clock.now());
    assertEquals(InFlightTable.NO_MATCH, table.complete(seq, clock.now()));
    assertEquals(1, counters.received.sum());
    assertEquals(1, counters.late.sum());
  }

  @Test
  void replyWithASequenceIdNeverSentIsAnErrorFrame() {
    table.register(0, clock.now());
    assertEquals(InFlightTable.NO_MATCH, table.complete(77, clock.now()));
    assertEquals(1, counters.errorFrames.sum());
  }

  @Test
  void ringReuseCountsTheOverwrittenMessageAsATimeout() {
    InFlightTable small = new InFlightTable(16, clock, counters);
    for (int i = 0; i < small.capacity() + 3; i++) small.register(0, clock.now());
    assertEquals(3, counters.timeouts.sum());
    assertEquals(small.capacity(), counters.snapshot().outstanding());
  }

  @Test
  void ownerOfIsTheRegisteringConnection() {
    long seq = table.register(42, clock.now());
    assertEquals(42, table.ownerOf(seq));
  }
}
