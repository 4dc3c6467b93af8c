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
 * at most {@code sla-p99}; a step that does not hold is retried once at the same rate and the
 * better of the two counts. The result is the best step that held, with every step (retries
 * marked) in {@code extra.steps}.
 */
public final class MaxSearch {

  /** Share of the target rate a step must deliver to hold. */
  public static final double HOLD_FRACTION = 0.97;
  /** Shortest warm-up of a step (connections fresh, client JIT). */
  private static final Duration MIN_STEP_WARMUP = Duration.ofSeconds(1);
  /** Lowest rate the search steps down to when its start rate does not hold (msg/s). */
  static final double MIN_RATE = 100;
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

  /** Runs one open-loop step at a rate (the search's only contact with the target, so tests can fake it). */
  @FunctionalInterface
  interface StepRunner {
    RunResult step(double rate) throws InterruptedException;
  }

  /**
   * The search's outcome: the best step that held (null if none did), the highest rate that held (0 if none), the
   * first rate that did not hold after its retry, and every step run, retries included.
   */
  record Outcome(RunResult best, double sustainedRate, double firstFailedRate, List<Map<String, Object>> steps) {}

  /** Runs the search; returns the best step that held (throughput 0 if none did). */
  public RunResult run() throws InterruptedException {
    double slaMillis = search.getDuration("sla-p99").toNanos() / 1e6;
    err.println("warm-up step (not counted):");
    step(search.getDouble("start-rate"));
    Outcome o = search(this::step, search.getDouble("start-rate"), search.getDouble("step-factor"),
        search.getInt("refine-steps"), slaMillis);
    err.println(String.format(Locale.ROOT, "highest sustained rate: %.0f msg/s (first rate that did not hold twice: %.0f)",
        o.sustainedRate(), o.firstFailedRate()));
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("sustainedRate", o.sustainedRate());
    extra.put("firstFailedRate", o.firstFailedRate());
    extra.put("slaP99Ms", slaMillis);
    extra.put("retries", o.steps().stream().filter(m -> Boolean.TRUE.equals(m.get("retry"))).count());
    extra.put("steps", o.steps());
    RunResult best = o.best();
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

  /**
   * The search itself: steps from {@code startRate}, times {@code factor} while they hold, then {@code refine}
   * bisection steps; if the start rate does not hold, steps down (÷ {@code factor}, not below {@link #MIN_RATE}) until
   * one does, then bisects. A step that does not hold is run once more at the same rate and the better of the two counts
   * (it holds if either held): one slow step (a GC pause, a compile, a neighbour's burst on a shared machine) must
   * not end the search or fail a bisection step, while a rate the target truly cannot sustain fails twice.
   */
  static Outcome search(StepRunner runner, double startRate, double factor, int refine, double slaMillis)
      throws InterruptedException {
    Bounds b = new Bounds(runner, slaMillis);
    double rate = startRate;
    while (b.bad == 0) {
      if (b.tryRate(rate)) rate = rate * factor;
    }
    // The start rate itself did not hold: step down until a rate holds, so a start set too high (or a busy machine)
    // gives the rate the target does sustain rather than 0.
    while (b.good == 0 && rate / factor >= MIN_RATE) {
      rate = Math.round(rate / factor);
      b.tryRate(rate);
    }
    for (int i = 0; i < refine && b.good > 0; i++) b.tryRate(Math.round((b.good + b.bad) / 2));
    return new Outcome(b.best, b.good, b.bad, b.steps);
  }

  /** The search's state: the best step that held, the highest rate that held and the lowest that did not. */
  private static final class Bounds {
    final StepRunner runner;
    final double slaMillis;
    final List<Map<String, Object>> steps = new ArrayList<>();
    RunResult best;
    double good;
    double bad;

    Bounds(StepRunner runner, double slaMillis) {
      this.runner = runner;
      this.slaMillis = slaMillis;
    }

    /** Runs {@code rate} (retried once) and moves the bound it falls on; returns whether it held. */
    boolean tryRate(double rate) throws InterruptedException {
      RunResult r = attempt(runner, rate, slaMillis, steps);
      if (r == null) {
        bad = rate;
        return false;
      }
      best = r;
      good = rate;
      return true;
    }
  }

  /** One step at {@code rate}, retried once if it does not hold: the step that held, or null if neither did. */
  private static RunResult attempt(StepRunner runner, double rate, double slaMillis, List<Map<String, Object>> steps)
      throws InterruptedException {
    RunResult first = runner.step(rate);
    boolean held = holds(first, rate, slaMillis);
    steps.add(stepSummary(rate, first, held, false));
    if (held) return first;
    RunResult retry = runner.step(rate);
    boolean retryHeld = holds(retry, rate, slaMillis);
    steps.add(stepSummary(rate, retry, retryHeld, true));
    return retryHeld ? retry : null;
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

  private static Map<String, Object> stepSummary(double rate, RunResult r, boolean held, boolean retry) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rate", rate);
    m.put("retry", retry);
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
