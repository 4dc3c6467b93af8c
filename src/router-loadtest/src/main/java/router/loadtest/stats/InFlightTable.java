package router.loadtest.stats;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * The messages in flight, keyed by sequence id: a ring of scheduled times, no allocation per
 * message. A message is registered before it is sent and resolved exactly once: by its reply
 * ({@link #complete}), by a send failure ({@link #fail}) or by the timeout sweep ({@link #sweep}).
 *
 * <p>Latency is {@code replyTime - scheduledTime}: for open loop the scheduled time is the slot on
 * the fixed timeline, not the moment the message actually left, so a stalled sender or a full
 * socket cannot hide latency (no coordinated omission).
 *
 * <p>The ring must hold every message that can be in flight at once: rate × timeout for open
 * loop. When a slot is still occupied at reuse, its message is counted as a timeout.
 */
public final class InFlightTable {

  /** Returned by {@link #complete} for a reply that matches nothing in flight. */
  public static final long NO_MATCH = -1;

  private final AtomicLongArray times;
  private final AtomicLongArray seqs;
  private final int[] owners;
  private final int mask;
  private final long origin;
  private final LongSupplier clock;
  private final Counters counters;
  private final AtomicLong nextSeq = new AtomicLong();
  private long sweepFrom;

  /**
   * @param minCapacity messages that may be in flight at once (rounded up to a power of two)
   * @param clock nanosecond clock, {@code System::nanoTime} outside tests
   */
  public InFlightTable(int minCapacity, LongSupplier clock, Counters counters) {
    int capacity = Integer.highestOneBit(Math.max(16, minCapacity - 1)) << 1;
    this.times = new AtomicLongArray(capacity);
    this.seqs = new AtomicLongArray(capacity);
    for (int i = 0; i < capacity; i++) seqs.set(i, -1);
    this.owners = new int[capacity];
    this.mask = capacity - 1;
    this.clock = clock;
    this.counters = counters;
    // Stored times are relative to origin and always > 0, so 0 can mean "resolved".
    this.origin = clock.getAsLong() - 1;
  }

  /** Capacity of the ring. */
  public int capacity() {
    return mask + 1;
  }

  /**
   * Registers a message of connection {@code owner} scheduled at {@code scheduledNanos} and
   * returns its sequence id, to be put into the payload. Counts it as sent.
   */
  public long register(int owner, long scheduledNanos) {
    long seq = nextSeq.getAndIncrement();
    int slot = (int) (seq & mask);
    if (seqs.get(slot) >= 0 && times.getAndSet(slot, 0) != 0) {
      // The ring wrapped onto a message still in flight: it is older than any timeout we can hold.
      counters.timeouts.increment();
    }
    seqs.set(slot, -1);
    owners[slot] = owner;
    times.set(slot, Math.max(1, scheduledNanos - origin));
    seqs.set(slot, seq);
    counters.sent.increment();
    return seq;
  }

  /**
   * Resolves {@code seq} by its reply received at {@code nowNanos}; returns the latency in
   * nanoseconds, or {@link #NO_MATCH} for an unknown, late or duplicate reply (counted as late).
   */
  public long complete(long seq, long nowNanos) {
    if (seq < 0 || seq >= nextSeq.get()) {
      counters.errorFrames.increment();
      return NO_MATCH;
    }
    int slot = (int) (seq & mask);
    long t = seqs.get(slot) == seq ? times.getAndSet(slot, 0) : 0;
    if (t == 0) {
      counters.late.increment();
      return NO_MATCH;
    }
    counters.received.increment();
    return Math.max(0, nowNanos - origin - t);
  }

  /** The connection that sent {@code seq} (valid until the slot is reused). */
  public int ownerOf(long seq) {
    return owners[(int) (seq & mask)];
  }

  /** Resolves {@code seq} as a send failure, unless it was already answered or timed out. */
  public void fail(long seq) {
    if (clear(seq)) counters.sendFailures.increment();
  }

  /**
   * Resolves {@code seq} as answered by an error frame; false (and counted as late) when it was
   * already resolved.
   */
  public boolean rejected(long seq) {
    if (clear(seq)) {
      counters.errorReplies.increment();
      return true;
    }
    counters.late.increment();
    return false;
  }

  private boolean clear(long seq) {
    int slot = (int) (seq & mask);
    return seqs.get(slot) == seq && times.getAndSet(slot, 0) != 0;
  }

  /**
   * Counts as timeouts the messages scheduled more than {@code timeoutNanos} before now (all
   * unresolved messages when {@code everything}), calling {@code onTimeout} with each one's
   * connection. Single caller at a time (the sampler thread).
   */
  public synchronized void sweep(long timeoutNanos, boolean everything, IntConsumer onTimeout) {
    long deadline = clock.getAsLong() - origin - timeoutNanos;
    long published = nextSeq.get();
    long s = sweepFrom;
    while (s < published) {
      int slot = (int) (s & mask);
      if (seqs.get(slot) != s) {
        // Registered but not yet published by its sender (or already overwritten by a newer lap).
        if (seqs.get(slot) > s) {
          s++;
          continue;
        }
        break;
      }
      long t = times.get(slot);
      if (t != 0) {
        // Scheduled times grow with seq, so the first unexpired message ends the sweep.
        if (!everything && t > deadline) break;
        if (times.getAndSet(slot, 0) != 0) {
          counters.timeouts.increment();
          onTimeout.accept(owners[slot]);
        }
      }
      s++;
    }
    sweepFrom = s;
  }
}
