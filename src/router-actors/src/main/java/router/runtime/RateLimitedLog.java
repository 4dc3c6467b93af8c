package router.runtime;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Log lines a client can cause at will (a malformed handshake, a protocol violation, a message that makes a route
 * fail), written at most once per kind per interval: the first of a kind in an interval is logged, the others are
 * counted and the next line of that kind says how many were suppressed. So a misbehaving or hostile client cannot
 * fill the disk; the exact numbers are in the metrics. Thread-safe, and lock-free on the suppressed path.
 */
public final class RateLimitedLog {
  private static final String SUPPRESSED = " ({} similar lines suppressed since the last one)";
  /** Kinds remembered at most; beyond, the windows start afresh (kinds may name routes, which come and go). */
  private static final int MAX_KINDS = 10_000;

  private final Logger log;
  private final long intervalNanos;
  private final LongSupplier nanoClock;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  private static final class Window {
    final AtomicLong next;
    final AtomicLong suppressed = new AtomicLong();

    Window(long now) {
      next = new AtomicLong(now);
    }
  }

  public RateLimitedLog(Logger log, Duration interval) {
    this(log, interval.toNanos(), System::nanoTime);
  }

  RateLimitedLog(Logger log, long intervalNanos, LongSupplier nanoClock) {
    this.log = log;
    this.intervalNanos = intervalNanos;
    this.nanoClock = nanoClock;
  }

  /** A WARN line of {@code kind} (names the problem, and where), unless one was written within the interval. */
  public void warn(String kind, String format, Object... args) {
    long suppressed = admit(kind);
    if (suppressed == 0) log.warn(format, args);
    else if (suppressed > 0) log.warn(format + SUPPRESSED, withCount(args, suppressed));
  }

  /** An INFO line of {@code kind}, as {@link #warn}. */
  public void info(String kind, String format, Object... args) {
    long suppressed = admit(kind);
    if (suppressed == 0) log.info(format, args);
    else if (suppressed > 0) log.info(format + SUPPRESSED, withCount(args, suppressed));
  }

  /** -1 when the line is suppressed, else how many lines of its kind were suppressed since the last one written. */
  private long admit(String kind) {
    long now = nanoClock.getAsLong();
    Window window = windows.get(kind);
    if (window == null) {
      if (windows.size() >= MAX_KINDS) windows.clear();
      window = windows.computeIfAbsent(kind, k -> new Window(now));
    }
    long next = window.next.get();
    if (now - next < 0 || !window.next.compareAndSet(next, now + intervalNanos)) {
      window.suppressed.incrementAndGet();
      return -1;
    }
    return window.suppressed.getAndSet(0);
  }

  private static Object[] withCount(Object[] args, long suppressed) {
    Object[] all = Arrays.copyOf(args, args.length + 1);
    all[args.length] = suppressed;
    return all;
  }
}
