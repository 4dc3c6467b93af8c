package router.loadtest.run;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.pekko.actor.ActorSystem;
import router.loadtest.client.ClientConnection;
import router.loadtest.client.FrameListener;
import router.loadtest.client.WebSocketClient;
import router.loadtest.client.UpgradeRejected;
import router.loadtest.report.ProgressLine;
import router.loadtest.stats.Counters;
import router.loadtest.stats.IntervalSampler;
import router.loadtest.stats.LatencySummary;
import router.loadtest.stats.PercentilePoint;

/**
 * Connect rate: opens connections (at {@code rate} per second on a fixed timeline, or with
 * {@code in-flight} attempts at a time), records the upgrade latency from the scheduled attempt
 * time, and closes each connection as soon as it is accepted. With a $connect route, each
 * accepted connection has passed its $connect integration.
 */
public final class ConnectRun implements FrameListener {

  /** Extra wait, beyond the timeout, for the last attempts to finish. */
  private static final long CLOSE_WAIT_MILLIS = 5_000;
  private static final long POLL_MILLIS = 10;

  private final LoadSettings settings;
  private final ActorSystem system;
  private final LongSupplier clock = System::nanoTime;
  private final Counters counters = new Counters();
  private final Recorder recorder = new Recorder(3);
  private final ProgressLine progress;
  private final AtomicLong attempt = new AtomicLong();
  private final LongAdder finished = new LongAdder();
  private final CpuWindow cpu;
  private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
  private WebSocketClient connector;
  private volatile long endNanos;

  /** A connect-rate run; progress goes to {@code err}. */
  public ConnectRun(LoadSettings settings, ActorSystem system, PrintStream err) {
    this.settings = settings;
    this.system = system;
    this.progress = new ProgressLine(err, settings.progress(), "attempts", "accepted");
    this.cpu = new CpuWindow(settings.targetPid());
  }

  /** Runs the attempts, waits for the last ones, returns the result. */
  public RunResult run() throws InterruptedException {
    try (WebSocketClient client = settings.newClient(system, settings.inFlight())) {
      connector = client;
      return attempts();
    }
  }

  private RunResult attempts() throws InterruptedException {
    IntervalSampler sampler = new IntervalSampler(recorder, counters, clock, settings.warmup().toNanos());
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "loadtest-ticker");
      t.setDaemon(true);
      return t;
    });
    long reportMillis = settings.reportInterval().toMillis();
    ticker.scheduleAtFixedRate(() -> progress.print(sampler.sample(), counters.snapshot(),
        LatencySummary.of(sampler.soFarHistogram())), reportMillis, reportMillis, TimeUnit.MILLISECONDS);
    ticker.schedule(cpu::start, settings.warmup().toMillis(), TimeUnit.MILLISECONDS);
    long start = sampler.startNanos();
    endNanos = settings.count() > 0 ? Long.MAX_VALUE : start + settings.duration().toNanos();
    if (settings.openLoop()) {
      openLoop(start);
    } else {
      closedLoop();
    }
    var last = sampler.endSending();
    cpu.end();
    progress.print(last, counters.snapshot(), LatencySummary.of(sampler.soFarHistogram()));
    long deadline = clock.getAsLong() + settings.timeout().toNanos() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
    while (finished.sum() < attempt.get() && clock.getAsLong() < deadline) {
      Thread.sleep(POLL_MILLIS);
    }
    ticker.shutdownNow();
    ticker.awaitTermination(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    sampler.sample();
    return result(sampler);
  }

  private void openLoop(long start) {
    OpenLoop.run(settings, clock, start, (i, due) -> attempt(due, false));
  }

  private void closedLoop() throws InterruptedException {
    for (int k = 0; k < settings.inFlight(); k++) attempt(clock.getAsLong(), true);
    while (attemptsLeft()) Thread.sleep(POLL_MILLIS);
  }

  private boolean attemptsLeft() {
    return settings.count() > 0 ? attempt.get() < settings.count() : clock.getAsLong() < endNanos;
  }

  private void attempt(long scheduled, boolean chain) {
    if (settings.count() > 0 && chain && attempt.get() >= settings.count()) return;
    if (chain && clock.getAsLong() >= endNanos) return;
    long i = attempt.getAndIncrement();
    if (settings.count() > 0 && i >= settings.count()) return;
    counters.sent.increment();
    CompletableFuture<ClientConnection> open = connector.open((int) i, this).toCompletableFuture();
    open.copy().orTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS).whenComplete((c, error) -> {
      long now = clock.getAsLong();
      if (error != null) {
        counters.connectFailures.increment();
        failures.computeIfAbsent(reason(error), r -> new LongAdder()).increment();
        // An attempt that timed out may still succeed later: close it then.
        open.thenAccept(ClientConnection::close);
      } else {
        counters.received.increment();
        recorder.recordValue(Math.max(0, now - scheduled));
        c.close();
      }
      finished.increment();
      if (chain) attempt(now, true);
    });
  }

  private static String reason(Throwable error) {
    Throwable e = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
        ? error.getCause() : error;
    if (e instanceof UpgradeRejected r) return "HTTP " + r.status();
    if (e instanceof java.util.concurrent.TimeoutException) return "timeout";
    return e.getClass().getSimpleName();
  }

  @Override
  public void onText(ClientConnection connection, String text) {}

  @Override
  public void onClosed(ClientConnection connection, boolean byUs) {
    if (!byUs) counters.closed.increment();
  }

  private RunResult result(IntervalSampler sampler) {
    Histogram h = sampler.measuredHistogram();
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("loop", settings.openLoop() ? "open" : "closed");
    s.put("rate", settings.rate());
    s.put("inFlight", settings.openLoop() ? 0 : settings.inFlight());
    s.put("warmupSeconds", settings.warmup().toMillis() / 1000.0);
    s.put("timeoutMs", settings.timeout().toMillis());
    Map<String, Object> extra = new LinkedHashMap<>();
    Map<String, Object> byReason = new java.util.TreeMap<>();
    failures.forEach((r, n) -> byReason.put(r, n.sum()));
    extra.put("connectFailuresByReason", byReason);
    cpu.report(extra, sampler.measuredSeconds(), sampler.measuredThroughput() * sampler.measuredSeconds(), "Connection");
    return new RunResult(Mode.CONNECT, settings.label(), settings.url().toString(), s,
        counters.snapshot(), sampler.measuredThroughput(), "conn/s", sampler.measuredSeconds(),
        LatencySummary.of(h), PercentilePoint.curve(h), sampler.intervals(), extra);
  }
}
