package router.loadtest.run;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import router.loadtest.target.CpuTime;

/**
 * CPU time of the client and the target over the measured window (end of warm-up to end of
 * sending), reported as cores in use and microseconds per message (or connection).
 */
final class CpuWindow {

  private final long targetPid;
  private final AtomicReference<CpuTime> start = new AtomicReference<>();
  private volatile CpuTime end;

  CpuWindow(long targetPid) {
    this.targetPid = targetPid;
  }

  /** Marks the start of the window (once; later calls are ignored). */
  void start() {
    start.compareAndSet(null, CpuTime.now(targetPid));
  }

  /** Marks the end of the window. */
  void end() {
    end = CpuTime.now(targetPid);
  }

  /** Adds clientCpuCores, clientCpuMicrosPer{unit}, targetCpuCores, targetCpuMicrosPer{unit} to {@code extra}. */
  void report(Map<String, Object> extra, double windowSeconds, double events, String unit) {
    CpuTime s = start.get();
    CpuTime e = end;
    if (s == null || e == null || windowSeconds <= 0) return;
    CpuTime used = e.since(s);
    if (used.clientNanos() >= 0) {
      extra.put("clientCpuCores", used.clientNanos() / 1e9 / windowSeconds);
      if (events > 0) extra.put("clientCpuMicrosPer" + unit, used.clientNanos() / 1e3 / events);
    }
    if (used.targetNanos() >= 0) {
      extra.put("targetCpuCores", used.targetNanos() / 1e9 / windowSeconds);
      if (events > 0) extra.put("targetCpuMicrosPer" + unit, used.targetNanos() / 1e3 / events);
    }
  }
}
