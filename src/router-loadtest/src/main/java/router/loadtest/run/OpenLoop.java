package router.loadtest.run;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The fixed timeline of an open-loop run: event {@code i} is due at {@code start + i / rate}, whatever happened to
 * the events before it, so latency can be measured from the due time (no coordinated omission).
 */
final class OpenLoop {
  private static final double NANOS_PER_SECOND = 1e9;

  /** What to do with event {@code i}, due at {@code dueNanos}. */
  @FunctionalInterface
  interface Event {
    void fire(long i, long dueNanos);
  }

  private OpenLoop() {}

  /** Fires every event of {@code settings} (its count, or duration × rate) at its due time, parking in between. */
  static void run(LoadSettings settings, LongSupplier clock, long start, Event event) {
    long total = settings.count() > 0 ? settings.count()
        : (long) (settings.duration().toNanos() / NANOS_PER_SECOND * settings.rate());
    double nanosPerEvent = NANOS_PER_SECOND / settings.rate();
    for (long i = 0; i < total; i++) {
      long due = start + (long) (i * nanosPerEvent);
      long now = clock.getAsLong();
      while (now < due) {
        LockSupport.parkNanos(due - now);
        now = clock.getAsLong();
      }
      event.fire(i, due);
    }
  }
}
