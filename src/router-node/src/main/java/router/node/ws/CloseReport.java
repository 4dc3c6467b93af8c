package router.node.ws;

import java.util.function.Consumer;
import router.runtime.CloseStatus;

/** Tells a connection how it closed, once: the first status known wins (used by one stage's thread at a time). */
final class CloseReport {
  private final Consumer<CloseStatus> listener;
  private boolean reported;

  CloseReport(Consumer<CloseStatus> listener) {
    this.listener = listener;
  }

  void report(CloseStatus status) {
    if (reported) return;
    reported = true;
    listener.accept(status);
  }
}
