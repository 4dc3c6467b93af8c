package router.loadtest.run;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import router.loadtest.client.NioHttpClient;
import router.loadtest.client.PayloadTemplate;
import router.loadtest.client.ProxyEventTemplate;
import router.loadtest.report.ProgressLine;
import router.loadtest.stats.Counters;
import router.loadtest.stats.InFlightTable;
import router.loadtest.stats.IntervalSampler;
import router.loadtest.stats.LatencySummary;
import router.loadtest.stats.PercentilePoint;

/**
 * Load straight at an HTTP endpoint, bypassing the router: the integrations' backend called
 * directly, the reference the router's added latency is measured against. POSTs of the payload
 * (or of a Lambda proxy event around it) to the URL over {@code connections} pipelined keep-alive
 * connections; open loop on the same fixed timeline as a WebSocket run (latency from the
 * scheduled send to the response), or closed loop with {@code in-flight} requests per connection.
 * A 2xx answers its request; another status is an error reply; no response is a send failure.
 */
public final class HttpRun {

  private static final long SWEEP_MILLIS = 50;
  private static final long DRAIN_POLL_MILLIS = 10;
  private static final long STALL_POLL_MILLIS = 100;
  private static final long TICKER_STOP_MILLIS = 5_000;
  /** Status counted in {@link #failures} for a request without a response. */
  private static final int NO_RESPONSE = 0;

  private final LoadSettings settings;
  private final LongSupplier clock = System::nanoTime;
  private final Counters counters = new Counters();
  private final Recorder recorder = new Recorder(3);
  private final InFlightTable table;
  private final PayloadTemplate payload;
  private final ProgressLine progress;
  private final CpuWindow cpu;
  private final String path;
  private final boolean lambdaEvent;
  private final AtomicLong budget = new AtomicLong(Long.MAX_VALUE);
  private final Map<Integer, LongAdder> failures = new ConcurrentHashMap<>();
  private NioHttpClient http;
  private volatile boolean stopping;

  /** A run of {@code settings} against its http:// URL; progress goes to {@code err}. */
  public HttpRun(LoadSettings settings, PrintStream err) {
    this.settings = settings;
    this.table = new InFlightTable(MessageRun.ringCapacity(settings), clock, counters);
    this.payload = new PayloadTemplate(settings.payload(), settings.action(), settings.size());
    this.progress = new ProgressLine(err, settings.progress(), "sent", "answered");
    this.cpu = new CpuWindow(settings.targetPid());
    String raw = settings.url().getRawPath();
    this.path = (raw == null || raw.isEmpty() ? "/" : raw)
        + (settings.url().getRawQuery() == null ? "" : "?" + settings.url().getRawQuery());
    this.lambdaEvent = settings.httpBody().equals(LoadSettings.HTTP_BODY_LAMBDA_EVENT);
  }

  /** Sends, drains, closes; returns the result. */
  public RunResult run() throws InterruptedException {
    try (NioHttpClient client = new NioHttpClient(settings.url(), settings.connections(), this::onResponse)) {
      http = client;
      return measure();
    }
  }

  /** The body of request {@code seq}. */
  String body(long seq) {
    String text = payload.render(seq);
    return lambdaEvent ? ProxyEventTemplate.wrap(text) : text;
  }

  private RunResult measure() throws InterruptedException {
    if (settings.count() > 0) budget.set(settings.count());
    IntervalSampler sampler = new IntervalSampler(recorder, counters, clock, settings.warmup().toNanos());
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "loadtest-ticker");
      t.setDaemon(true);
      return t;
    });
    long reportMillis = settings.reportInterval().toMillis();
    ticker.scheduleAtFixedRate(() -> sweep(false), SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    ticker.scheduleAtFixedRate(() -> progress.print(sampler.sample(), counters.snapshot(),
        LatencySummary.of(sampler.soFarHistogram())), reportMillis, reportMillis, TimeUnit.MILLISECONDS);
    ticker.schedule(cpu::start, settings.warmup().toMillis(), TimeUnit.MILLISECONDS);
    progress.status("POST " + settings.url() + " over " + settings.connections() + " connections");
    long start = sampler.startNanos();
    if (settings.openLoop()) {
      OpenLoop.run(settings, clock, start, (i, due) -> send(due));
    } else {
      closedLoop(start);
    }
    var last = sampler.endSending();
    cpu.end();
    stopping = true;
    progress.print(last, counters.snapshot(), LatencySummary.of(sampler.soFarHistogram()));
    long drainEnd = clock.getAsLong() + settings.timeout().toNanos();
    while (counters.snapshot().outstanding() > 0 && clock.getAsLong() < drainEnd) Thread.sleep(DRAIN_POLL_MILLIS);
    ticker.shutdownNow();
    ticker.awaitTermination(TICKER_STOP_MILLIS, TimeUnit.MILLISECONDS);
    sweep(true);
    sampler.sample();
    return result(sampler);
  }

  private void closedLoop(long start) throws InterruptedException {
    for (int k = 0; k < settings.inFlight() * settings.connections(); k++) next();
    long end = settings.count() > 0 ? Long.MAX_VALUE : start + settings.duration().toNanos();
    long lastSent = -1;
    long now;
    while ((now = clock.getAsLong()) < end) {
      TimeUnit.NANOSECONDS.sleep(Math.min(end - now, TimeUnit.MILLISECONDS.toNanos(STALL_POLL_MILLIS)));
      var counts = counters.snapshot();
      if (counts.outstanding() == 0 && counts.sent() == lastSent) break;
      lastSent = counts.sent();
    }
  }

  private void next() {
    if (stopping || budget.getAndDecrement() <= 0) return;
    send(clock.getAsLong());
  }

  private void send(long scheduledNanos) {
    long seq = table.register(0, scheduledNanos);
    http.post(seq, path, body(seq));
  }

  private void onResponse(long seq, int status) {
    long now = clock.getAsLong();
    boolean resolved;
    if (status >= 200 && status <= 299) {
      long latency = table.complete(seq, now);
      resolved = latency != InFlightTable.NO_MATCH;
      if (resolved) recorder.recordValue(latency);
    } else {
      failures.computeIfAbsent(status, s -> new LongAdder()).increment();
      if (status == NO_RESPONSE) {
        table.fail(seq);
        return;
      }
      resolved = table.rejected(seq);
    }
    if (resolved && !settings.openLoop()) next();
  }

  private void sweep(boolean everything) {
    table.sweep(settings.timeout().toNanos(), everything, owner -> {
      if (!settings.openLoop()) next();
    });
  }

  private RunResult result(IntervalSampler sampler) {
    Histogram h = sampler.measuredHistogram();
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("connections", settings.connections());
    s.put("loop", settings.openLoop() ? "open" : "closed");
    s.put("rate", settings.rate());
    s.put("inFlight", settings.openLoop() ? 0 : settings.inFlight());
    s.put("size", settings.size());
    s.put("httpBody", settings.httpBody());
    s.put("warmupSeconds", settings.warmup().toMillis() / 1000.0);
    s.put("timeoutMs", settings.timeout().toMillis());
    Map<String, Object> extra = new LinkedHashMap<>();
    double window = sampler.measuredSeconds();
    cpu.report(extra, window, sampler.measuredThroughput() * window, "Message");
    Map<String, Object> byStatus = new TreeMap<>();
    failures.forEach((status, n) -> byStatus.put(Integer.toString(status), n.sum()));
    extra.put("failuresByStatus", byStatus);
    return new RunResult(Mode.HTTP, settings.label(), settings.url().toString(), s, counters.snapshot(),
        sampler.measuredThroughput(), "msg/s", window, LatencySummary.of(h), PercentilePoint.curve(h),
        sampler.intervals(), extra);
  }
}
