package router.loadtest.run;

/**
 * The sequence ids a connection has sent and not yet seen answered, oldest first: order matching
 * pairs each reply with the oldest. A growable ring of longs, no allocation per message; callers
 * synchronise on it.
 */
final class SeqFifo {

  private static final int INITIAL_CAPACITY = 16;

  private long[] ring = new long[INITIAL_CAPACITY];
  private int head;
  private int size;

  /** Appends {@code seq}. */
  void push(long seq) {
    if (size == ring.length) grow();
    ring[(head + size) & (ring.length - 1)] = seq;
    size++;
  }

  /** Removes and returns the oldest id, or -1 when empty. */
  long poll() {
    if (size == 0) return -1;
    long seq = ring[head];
    head = (head + 1) & (ring.length - 1);
    size--;
    return seq;
  }

  /** Removes the newest id (its send failed). */
  void dropLast() {
    if (size > 0) size--;
  }

  int size() {
    return size;
  }

  private void grow() {
    long[] bigger = new long[ring.length * 2];
    for (int i = 0; i < size; i++) bigger[i] = ring[(head + i) & (ring.length - 1)];
    ring = bigger;
    head = 0;
  }
}
