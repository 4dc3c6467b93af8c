package router.loadtest.client;

/**
 * Non-negative longs in FIFO order without boxing: a growable ring. Not thread-safe; callers
 * synchronise.
 */
public final class TagQueue {

  private static final int INITIAL_CAPACITY = 16;

  private long[] ring = new long[INITIAL_CAPACITY];
  private int head;
  private int size;

  /** Appends {@code tag}. */
  public void push(long tag) {
    if (size == ring.length) grow();
    ring[(head + size) & (ring.length - 1)] = tag;
    size++;
  }

  /** Removes and returns the oldest tag, or -1 when empty. */
  public long poll() {
    if (size == 0) return -1;
    long tag = ring[head];
    head = (head + 1) & (ring.length - 1);
    size--;
    return tag;
  }

  /** Removes the newest tag. */
  public void dropLast() {
    if (size > 0) size--;
  }

  /** Tags held. */
  public int size() {
    return size;
  }

  private void grow() {
    long[] bigger = new long[ring.length * 2];
    for (int i = 0; i < size; i++) bigger[i] = ring[(head + i) & (ring.length - 1)];
    ring = bigger;
    head = 0;
  }
}
