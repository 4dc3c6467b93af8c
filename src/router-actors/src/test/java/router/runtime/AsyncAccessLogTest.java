package router.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The access log's queue: bounded, dropping and counting what does not fit, writing the rest in order. */
class AsyncAccessLogTest {
  @Test
  void dropsAndCountsLinesBeyondItsCapacityAndWritesTheRestInOrder() throws Exception {
    AtomicInteger dropped = new AtomicInteger();
    List<String> written = new CopyOnWriteArrayList<>();
    CountDownLatch two = new CountDownLatch(2);
    AsyncAccessLog log = new AsyncAccessLog(2, dropped::incrementAndGet, (logger, line, error) -> {
      written.add(logger + ":" + line);
      two.countDown();
    });
    // Not started: nothing is taken from the queue, so the third line finds it full.
    log.offer("a", "1");
    log.offer("b", "2");
    log.offer("c", "3");
    assertEquals(1, dropped.get());
    log.start();
    two.await(10, TimeUnit.SECONDS);
    log.close();
    assertEquals(List.of("a:1", "b:2"), written);
  }
}
