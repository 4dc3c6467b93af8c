package router.loadtest.run;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pekko.actor.ActorSystem;

/**
 * The highest sustained open-loop rate: round-trip steps at growing rates until one does not
 * hold, then bisection between the last that held and the first that did not. A step holds when
 * it delivered at least {@link #HOLD_FRACTION} of its rate with no error or timeout and a p99 of
 * at most {@code sla-p99}. The result is the best step that held, with every step in
 * {@code extra.steps}.
 */
public final class MaxSearch {

  /** Share of the target rate a step must deliver to hold. */
  public static final double HOLD_FRACTION = 0.97;
  /** Shortest warm-up of a step (connections fresh, client JIT). */
  private static final Duration MIN_STEP_WARMUP = Duration.ofSeconds(1);
  /** Pause between steps, so a backlog of the previous step does not leak into the next. */
  private static final long PAUSE_MILLIS = 1_000;

  private final Config config;
  private final ActorSystem system;
  private final PrintStream err;
  private final Config search;

  /** A search with the settings of {@code config} (router.loadtest.*). */
  public MaxSearch(Config config, ActorSystem system, PrintStream err) {
    this.config = config;
    this.system = system;
    this.err = err;
    this.search = config.getConfig(LoadSettings.PATH);
  }

  /** Runs the search; returns the best step that held (throughput 0 if none did). */
  public RunResult run() throws InterruptedException {
    double rate = search.getDouble("start-rate");
    double factor = search.getDouble("step-factor");
    int refine = search.getInt("refine-steps");
    double slaMillis = search.getDuration("sla-p99").toNanos() / 1e6;
    List<Map<String, Object>> steps = new ArrayList<>();
    err.println("warm-up step (not counted):");
    step(rate);
    RunResult best = null;
    double good = 0;
    double bad = 0;
    while (bad == 0) {
      RunResult r = step(rate);
      boolean held = holds(r, rate, slaMillis);
      steps.add(stepSummary(rate, r, held));
      if (held) {
        best = r;
        good = rate;
        rate = rate * factor;
      } else {
        bad = rate;
      }
    }
    for (int i = 0; i < refine && good > 0; i++) {
      rate = Math.round((good + bad) / 2);
      RunResult r = step(rate);
      boolean held = holds(r, rate, slaMillis);
      steps.add(stepSummary(rate, r, held));
      if (held) {
        best = r;
        good = rate;
      } else {
        bad = rate;
      }
    }
    err.println(String.format(Locale.ROOT, "highest sustained rate: %.0f msg/s (first rate that did not hold: %.0f)", good, bad));
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("sustainedRate", good);
    extra.put("firstFailedRate", bad);
    extra.put("slaP99Ms", slaMillis);
    extra.put("steps", steps);
    if (best == null) {
      RunResult last = step(search.getDouble("start-rate"));
      return new RunResult(Mode.MAX, last.label(), last.url(), last.settings(), last.counts(), 0, "msg/s",
          last.measuredSeconds(), last.latency(), last.percentiles(), last.intervals(), extra);
    }
    Map<String, Object> merged = new LinkedHashMap<>(best.extra());
    merged.putAll(extra);
    return new RunResult(Mode.MAX, best.label(), best.url(), best.settings(), best.counts(), best.throughput(),
        best.throughputUnit(), best.measuredSeconds(), best.latency(), best.percentiles(), best.intervals(), merged);
  }

  private RunResult step(double rate) throws InterruptedException {
    Duration warmup = search.getDuration("warmup").compareTo(MIN_STEP_WARMUP) < 0
        ? MIN_STEP_WARMUP : search.getDuration("warmup");
    Duration length = warmup.plus(search.getDuration("step-duration"));
    Config stepConfig = config
        .withValue(LoadSettings.PATH + ".rate", ConfigValueFactory.fromAnyRef(rate))
        .withValue(LoadSettings.PATH + ".count", ConfigValueFactory.fromAnyRef(0))
        .withValue(LoadSettings.PATH + ".warmup", ConfigValueFactory.fromAnyRef(warmup.toMillis() + "ms"))
        .withValue(LoadSettings.PATH + ".duration", ConfigValueFactory.fromAnyRef(length.toMillis() + "ms"))
        .withValue(LoadSettings.PATH + ".progress", ConfigValueFactory.fromAnyRef(false));
    err.println(String.format(Locale.ROOT, "step: %.0f msg/s for %s", rate, length));
    RunResult r = new MessageRun(LoadSettings.from(stepConfig), Mode.ROUNDTRIP, system, err).run();
    err.println(String.format(Locale.ROOT, "      delivered %.0f msg/s, p99 %.3f ms, errors %d, timeouts %d",
        r.throughput(), r.latency().p99(), r.counts().errors(), r.counts().timeouts()));
    Thread.sleep(PAUSE_MILLIS);
    return r;
  }

  static boolean holds(RunResult r, double rate, double slaMillis) {
    return r.throughput() >= HOLD_FRACTION * rate && r.counts().errors() == 0 && r.counts().timeouts() == 0
        && r.latency().p99() <= slaMillis;
  }

  private static Map<String, Object> stepSummary(double rate, RunResult r, boolean held) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rate", rate);
    m.put("throughput", r.throughput());
    m.put("p50", r.latency().p50());
    m.put("p99", r.latency().p99());
    m.put("errors", r.counts().errors());
    m.put("timeouts", r.counts().timeouts());
    m.put("held", held);
    if (r.extra().get("targetCpuMicrosPerMessage") != null) m.put("targetCpuMicrosPerMessage", r.extra().get("targetCpuMicrosPerMessage"));
    return m;
  }
}
