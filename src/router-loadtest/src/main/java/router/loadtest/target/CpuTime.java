package router.loadtest.target;

import java.time.Duration;

/** CPU time consumed so far by this process and by the target process (if known). */
public record CpuTime(long clientNanos, long targetNanos) {

  /** Reads both clocks now; {@code targetPid} 0 = no target. */
  public static CpuTime now(long targetPid) {
    long client = ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    long target = targetPid <= 0 ? -1
        : ProcessHandle.of(targetPid).flatMap(p -> p.info().totalCpuDuration()).map(Duration::toNanos).orElse(-1L);
    return new CpuTime(client, target);
  }

  /** CPU time used since {@code earlier}; a side that could not be read stays negative. */
  public CpuTime since(CpuTime earlier) {
    return new CpuTime(
        clientNanos < 0 || earlier.clientNanos < 0 ? -1 : clientNanos - earlier.clientNanos,
        targetNanos < 0 || earlier.targetNanos < 0 ? -1 : targetNanos - earlier.targetNanos);
  }
}
