package router.loadtest.stats;

import java.util.function.LongSupplier;

/** A nanosecond clock the test moves by hand. */
final class FakeClock implements LongSupplier {

  private long now = 1_000_000_000L;

  @Override
  public long getAsLong() {
    return now;
  }

  void advanceMillis(long millis) {
    now += millis * 1_000_000L;
  }

  long now() {
    return now;
  }
}
