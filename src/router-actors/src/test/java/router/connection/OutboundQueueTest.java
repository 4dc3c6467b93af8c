package router.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.stream.QueueOfferResult;
import org.junit.jupiter.api.Test;
import router.runtime.ServerMessage;

/** The outbound queue: its bound in messages, its end, and that a waiting stage is woken once per wait. */
class OutboundQueueTest {
  private final AtomicInteger wakes = new AtomicInteger();
  private final List<Throwable> ends = new ArrayList<>();
  private final OutboundQueue queue = new OutboundQueue(2, wakes::incrementAndGet, ends::add);

  private static ServerMessage text(String text) {
    return new ServerMessage.Text(text);
  }

  @Test
  void holdsAtMostItsCapacityInOfferOrder() {
    assertSame(QueueOfferResult.enqueued(), queue.offer(text("a")));
    assertSame(QueueOfferResult.enqueued(), queue.offer(text("b")));
    assertSame(QueueOfferResult.dropped(), queue.offer(text("c")));
    assertEquals(2, queue.size());
    assertEquals(text("a"), queue.poll());
    assertSame(QueueOfferResult.enqueued(), queue.offer(text("d")));
    assertEquals(text("b"), queue.poll());
    assertEquals(text("d"), queue.poll());
    assertNull(queue.poll());
    assertEquals(0, queue.size());
  }

  @Test
  void wakesTheStageOnlyWhenItWaits() {
    queue.offer(text("a"));
    assertEquals(0, wakes.get(), "nobody waits");
    assertEquals(text("a"), queue.pollOrWait());
    assertEquals(0, wakes.get());
    assertNull(queue.pollOrWait());
    queue.offer(text("b"));
    queue.offer(text("c"));
    assertEquals(1, wakes.get(), "one wake per wait");
  }

  @Test
  void closingDropsWhatItHeldAndRefusesLaterOffers() {
    queue.offer(text("a"));
    queue.close();
    assertTrue(queue.isCompleted());
    assertEquals(0, queue.size());
    assertNull(queue.poll());
    assertSame(QueueOfferResult.closed(), queue.offer(text("late")));
  }

  @Test
  void completeAndFailEndTheStream() {
    IllegalStateException cause = new IllegalStateException("on purpose");
    queue.complete();
    queue.fail(cause);
    assertEquals(2, ends.size());
    assertNull(ends.get(0));
    assertSame(cause, ends.get(1));
  }
}
