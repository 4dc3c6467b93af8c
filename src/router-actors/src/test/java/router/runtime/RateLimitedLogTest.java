package router.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Lines a client can cause: one per kind per interval, the next one saying how many were suppressed. */
class RateLimitedLogTest {
  private static final long SECOND = 1_000_000_000L;

  private final AtomicLong clock = new AtomicLong(42 * SECOND);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private RateLimitedLog log(String name) {
    Logger logger = (Logger) LoggerFactory.getLogger(name);
    logger.setLevel(Level.INFO);
    appender.start();
    logger.addAppender(appender);
    return new RateLimitedLog(logger, 10 * SECOND, clock::get);
  }

  private List<String> lines() {
    return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
  }

  @Test
  void writesTheFirstLineOfAKindPerIntervalAndCountsTheOthers() {
    RateLimitedLog log = log("rate.limited.first");
    for (int i = 0; i < 1500; i++) log.warn("bad request", "Illegal request {}", i);
    clock.addAndGet(9 * SECOND);
    log.warn("bad request", "Illegal request {}", "late");
    clock.addAndGet(SECOND);
    log.warn("bad request", "Illegal request {}", "next");
    assertEquals(List.of("WARN Illegal request 0",
        "WARN Illegal request next (1500 similar lines suppressed since the last one)"), lines());
  }

  @Test
  void limitsEachKindApart() {
    RateLimitedLog log = log("rate.limited.kinds");
    log.info("binary frame", "Closing {} with 1003", "c1");
    log.info("too big", "Closing {} with 1009", "c2");
    log.info("binary frame", "Closing {} with 1003", "c3");
    log.info("too big", "Closing {} with 1009", "c4");
    assertEquals(List.of("INFO Closing c1 with 1003", "INFO Closing c2 with 1009"), lines());
  }

  @Test
  void writesEveryLineWithoutAnInterval() {
    Logger logger = (Logger) LoggerFactory.getLogger("rate.limited.none");
    appender.start();
    logger.addAppender(appender);
    RateLimitedLog log = new RateLimitedLog(logger, 0, clock::get);
    log.warn("k", "one");
    log.warn("k", "two");
    assertEquals(List.of("WARN one", "WARN two"), lines());
  }
}
