package router.loadtest.stats;

import java.util.concurrent.atomic.LongAdder;

/**
 * The run's event counts, updated from any thread without contention.
 *
 * <p>Every registered message ends in exactly one of {@code received}, {@code timeouts},
 * {@code errorReplies} or {@code sendFailures}; {@code late}, {@code errorFrames}, {@code connectFailures} and
 * {@code closed} count events beside that ledger. In connect mode {@code sent} counts connection
 * attempts and {@code received} accepted connections.
 */
public final class Counters {

  /** Messages handed to a connection (or pushes POSTed, or connection attempts). */
  public final LongAdder sent = new LongAdder();
  /** Replies matched to their message within the timeout. */
  public final LongAdder received = new LongAdder();
  /** Messages without a reply within the timeout. */
  public final LongAdder timeouts = new LongAdder();
  /** Replies that arrived after their message had been counted as a timeout. */
  public final LongAdder late = new LongAdder();
  /** Messages answered with an API Gateway error frame (order matching: the frame answers the oldest). */
  public final LongAdder errorReplies = new LongAdder();
  /** Frames matched to no message: no sequence id (seq matching), or nothing outstanding. */
  public final LongAdder errorFrames = new LongAdder();
  /** Messages that could not be sent: connection closed, queue full, push POST refused. */
  public final LongAdder sendFailures = new LongAdder();
  /** Connections (or connection attempts) that failed to open. */
  public final LongAdder connectFailures = new LongAdder();
  /** Connections closed by the peer or the network while the run was going. */
  public final LongAdder closed = new LongAdder();

  /** A consistent-enough copy of all counts (each read is atomic, the set is not). */
  public Counts snapshot() {
    return new Counts(sent.sum(), received.sum(), timeouts.sum(), late.sum(), errorReplies.sum(),
        errorFrames.sum(), sendFailures.sum(), connectFailures.sum(), closed.sum());
  }
}
