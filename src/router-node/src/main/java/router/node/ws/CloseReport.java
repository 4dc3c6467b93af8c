package router.node.ws;

import java.util.function.UnaryOperator;
import router.runtime.CloseStatus;

/**
 * Tells a connection how it closed, once: the first status known wins, and the listener may answer another one it
 * recorded first (used by one stage's thread at a time).
 */
final class CloseReport {
  private final UnaryOperator<CloseStatus> listener;
  private CloseStatus reported;

  CloseReport(UnaryOperator<CloseStatus> listener) {
    this.listener = listener;
  }

  /** Reports {@code status} unless a status was reported already; returns the status that stands. */
  CloseStatus report(CloseStatus status) {
    if (reported == null) reported = listener.apply(status);
    return reported;
  }
}
