package router.loadtest.report;

import java.io.PrintStream;
import java.util.Locale;
import router.loadtest.stats.Counts;
import router.loadtest.stats.Interval;
import router.loadtest.stats.LatencySummary;

/** The live progress line on stderr: rates of the last interval, totals, percentiles so far. */
public final class ProgressLine {

  private final PrintStream out;
  private final boolean enabled;
  private final String sentName;
  private final String receivedName;

  /** Prints to {@code out} when {@code enabled}; {@code sentName}/{@code receivedName} label the rates. */
  public ProgressLine(PrintStream out, boolean enabled, String sentName, String receivedName) {
    this.out = out;
    this.enabled = enabled;
    this.sentName = sentName;
    this.receivedName = receivedName;
  }

  /** Prints one line for {@code interval} with totals {@code total} and latency so far {@code soFar}. */
  public void print(Interval interval, Counts total, LatencySummary soFar) {
    if (!enabled) return;
    out.println(format(interval, total, soFar));
    out.flush();
  }

  /** Prints a free-form status line. */
  public void status(String text) {
    if (!enabled) return;
    out.println(text);
    out.flush();
  }

  /** The progress line for {@code interval}. */
  public String format(Interval interval, Counts total, LatencySummary soFar) {
    return String.format(Locale.ROOT,
        "%7.1fs %s %7.0f/s %s %7.0f/s | errors %d timeouts %d in flight %d | last: p50 %.3f p99 %.3f ms | so far: p50 %.3f p99 %.3f ms%s",
        interval.atSeconds(), sentName, interval.sentPerSecond(), receivedName,
        interval.receivedPerSecond(), total.errors(), total.timeouts(), Math.max(0, total.outstanding()),
        interval.latency().p50(), interval.latency().p99(), soFar.p50(), soFar.p99(),
        interval.measured() ? "" : " [not measured]");
  }
}
