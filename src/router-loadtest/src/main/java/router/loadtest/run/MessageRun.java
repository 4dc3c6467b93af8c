package router.loadtest.run;

import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.pekko.actor.ActorSystem;
import router.loadtest.client.ClientConnection;
import router.loadtest.client.FrameListener;
import router.loadtest.client.PayloadTemplate;
import router.loadtest.client.TagQueue;
import router.loadtest.client.WebSocketClient;
import router.loadtest.json.JsonFields;
import router.loadtest.report.ProgressLine;
import router.loadtest.stats.Counters;
import router.loadtest.stats.InFlightTable;
import router.loadtest.stats.IntervalSampler;
import router.loadtest.stats.LatencySummary;
import router.loadtest.stats.PercentilePoint;

/**
 * A round-trip or push run over C connections. Open loop: one sender thread walks a fixed
 * timeline of {@code rate} messages per second, round robin over the connections. Closed loop:
 * each connection keeps {@code in-flight} messages outstanding, sending the next on each reply
 * or timeout. Either way latency runs from the scheduled send time to the matching reply.
 */
public final class MessageRun implements FrameListener {

  /** The payload field that carries the sequence id, and must come back in the reply. */
  public static final String SEQ_FIELD = "seq";
  /** How often unanswered messages are checked against the timeout. */
  private static final long SWEEP_MILLIS = 50;
  /** How often the drain after the last send checks for outstanding replies. */
  private static final long DRAIN_POLL_MILLIS = 10;
  /** How often a closed loop checks for its end (and for having stalled). */
  private static final long STALL_POLL_MILLIS = 100;
  /** How long closing the connections at the end may take. */
  private static final long CLOSE_WAIT_MILLIS = 5_000;
  /** Smallest in-flight ring. */
  private static final int MIN_RING = 1 << 16;
  /** Closed-loop ring: throughput × timeout must fit (2M ≈ 400k msg/s × 5 s). */
  private static final int CLOSED_LOOP_RING = 1 << 21;
  /** Largest ring an open-loop rate may ask for. */
  private static final int MAX_RING = 1 << 24;

  private final LoadSettings settings;
  private final Mode mode;
  private final ActorSystem system;
  private final LongSupplier clock = System::nanoTime;
  private final Counters counters = new Counters();
  private final Recorder recorder = new Recorder(3);
  private final InFlightTable table;
  private final PayloadTemplate payload;
  private final ProgressLine progress;
  private final long timeoutNanos;
  private final AtomicLong budget = new AtomicLong(Long.MAX_VALUE);
  private final CompletableFuture<Void> budgetSpent = new CompletableFuture<>();
  private final CpuWindow cpu;
  private final boolean byOrder;
  private TagQueue[] fifos;
  private PushSender push;
  private ClientConnection[] byIndex = new ClientConnection[0];
  private CompletableFuture<?>[] ids;
  private volatile boolean running;
  private volatile boolean stopping;

  /** A run of {@code mode} (ROUNDTRIP or PUSH); progress goes to {@code err}. */
  public MessageRun(LoadSettings settings, Mode mode, ActorSystem system, PrintStream err) {
    if (mode != Mode.ROUNDTRIP && mode != Mode.PUSH) throw new IllegalArgumentException("not a message mode: " + mode);
    this.settings = settings;
    this.mode = mode;
    this.system = system;
    this.timeoutNanos = settings.timeout().toNanos();
    this.byOrder = settings.matchByOrder() && mode == Mode.ROUNDTRIP;
    this.cpu = new CpuWindow(settings.targetPid());
    this.table = new InFlightTable(ringCapacity(settings), clock, counters);
    this.payload = new PayloadTemplate(settings.payload(), settings.action(), settings.size());
    this.progress = new ProgressLine(err, settings.progress(), mode == Mode.PUSH ? "pushed" : "sent",
        "received");
  }

  static int ringCapacity(LoadSettings s) {
    if (!s.openLoop()) return Math.max(CLOSED_LOOP_RING, s.connections() * s.inFlight() * 2);
    double inFlight = s.rate() * s.timeout().toMillis() / 1000.0 * 2;
    return (int) Math.min(MAX_RING, Math.max(MIN_RING, inFlight));
  }

  /** Connects, runs, drains, closes; returns the result. */
  public RunResult run() throws InterruptedException {
    try (WebSocketClient connector = settings.newClient(system, settings.connections())) {
      return run(connector);
    }
  }

  private RunResult run(WebSocketClient connector) throws InterruptedException {
    ids = new CompletableFuture<?>[settings.connections()];
    fifos = new TagQueue[byOrder ? settings.connections() : 0];
    for (int i = 0; i < fifos.length; i++) fifos[i] = new TagQueue();
    for (int i = 0; i < ids.length; i++) ids[i] = new CompletableFuture<String>();
    byIndex = ConnectionOpener.start(connector, this, counters, settings.connections(),
        settings.connectConcurrency()).future().join();
    List<ClientConnection> live = new ArrayList<>();
    for (ClientConnection c : byIndex) if (c != null) live.add(c);
    progress.status(String.format("connected %d of %d to %s", live.size(), settings.connections(), settings.url()));
    if (mode == Mode.PUSH) live = learnIds(live);
    if (live.isEmpty()) throw new IllegalStateException("no connection could be opened to " + settings.url());
    return measure(live.toArray(new ClientConnection[0]));
  }

  private List<ClientConnection> learnIds(List<ClientConnection> live) throws InterruptedException {
    String whoami = "{\"action\":\"" + settings.whoamiAction() + "\"}";
    for (ClientConnection c : live) c.send(whoami);
    long deadline = clock.getAsLong() + timeoutNanos;
    List<ClientConnection> known = new ArrayList<>();
    for (ClientConnection c : live) {
      try {
        ids[c.index()].get(Math.max(0, deadline - clock.getAsLong()), TimeUnit.NANOSECONDS);
        known.add(c);
      } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
        counters.connectFailures.increment();
      }
    }
    progress.status(String.format("%d connections know their %s", known.size(), settings.idField()));
    String base = settings.pushUrl().isEmpty() ? defaultPushUrl(settings.url()) : settings.pushUrl();
    push = new PushSender(base, table, settings.connections());
    return known;
  }

  /** {@code ws://host:port/path} → {@code http://host:port/path/@connections/}. */
  public static String defaultPushUrl(URI ws) {
    String scheme = ws.getScheme().equals("wss") ? "https" : "http";
    String path = ws.getPath() == null ? "" : ws.getPath();
    if (path.endsWith("/")) path = path.substring(0, path.length() - 1);
    return scheme + "://" + ws.getHost() + ":" + ws.getPort() + path + "/@connections/";
  }

  private RunResult measure(ClientConnection[] live) throws InterruptedException {
    if (settings.count() > 0) budget.set(settings.count());
    IntervalSampler sampler = new IntervalSampler(recorder, counters, clock, settings.warmup().toNanos());
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "loadtest-ticker");
      t.setDaemon(true);
      return t;
    });
    long reportMillis = settings.reportInterval().toMillis();
    ticker.scheduleAtFixedRate(() -> sweep(false), SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    ticker.scheduleAtFixedRate(() -> tick(sampler), reportMillis, reportMillis, TimeUnit.MILLISECONDS);
    ticker.schedule(cpu::start, settings.warmup().toMillis(), TimeUnit.MILLISECONDS);
    running = true;
    long start = sampler.startNanos();
    if (settings.openLoop()) {
      openLoop(live, start);
    } else {
      closedLoop(live, start);
    }
    var last = sampler.endSending();
    cpu.end();
    stopping = true;
    progress.print(last, counters.snapshot(), LatencySummary.of(sampler.soFarHistogram()));
    long drainEnd = clock.getAsLong() + timeoutNanos;
    while (counters.snapshot().outstanding() > 0 && clock.getAsLong() < drainEnd) {
      Thread.sleep(DRAIN_POLL_MILLIS);
    }
    ticker.shutdownNow();
    ticker.awaitTermination(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    sweep(true);
    sampler.sample();
    running = false;
    closeAll(live);
    if (push != null) push.close();
    return result(live, sampler);
  }

  private void openLoop(ClientConnection[] live, long start) {
    OpenLoop.run(settings, clock, start, (i, due) -> deliver(live[(int) (i % live.length)], due));
  }

  private void closedLoop(ClientConnection[] live, long start) throws InterruptedException {
    for (int k = 0; k < settings.inFlight(); k++) {
      for (ClientConnection c : live) next(c);
    }
    long end = settings.count() > 0 ? Long.MAX_VALUE : start + settings.duration().toNanos();
    long lastSent = -1;
    long now;
    while (!budgetSpent.isDone() && (now = clock.getAsLong()) < end) {
      TimeUnit.NANOSECONDS.sleep(Math.min(end - now, TimeUnit.MILLISECONDS.toNanos(STALL_POLL_MILLIS)));
      // Every connection's loop has ended (closed, or sends refused): nothing will send again.
      var counts = counters.snapshot();
      if (counts.outstanding() == 0 && counts.sent() == lastSent) break;
      lastSent = counts.sent();
    }
  }

  private void next(ClientConnection c) {
    if (stopping || c == null || c.closed()) return;
    long left = budget.getAndDecrement();
    if (left <= 0) return;
    if (left == 1) budgetSpent.complete(null);
    deliver(c, clock.getAsLong());
  }

  private void deliver(ClientConnection c, long scheduledNanos) {
    if (byOrder) {
      deliverInOrder(c, scheduledNanos);
      return;
    }
    long seq = table.register(c.index(), scheduledNanos);
    String text = payload.render(seq);
    if (mode == Mode.PUSH) {
      push.send(c, seq, text);
    } else if (c.send(text) != ClientConnection.SendResult.SENT) {
      table.fail(seq);
    }
  }

  private void deliverInOrder(ClientConnection c, long scheduledNanos) {
    TagQueue fifo = fifos[c.index()];
    // Registered, queued and sent under one lock, so the reply (which may come back on the
    // selector thread before send returns) finds its id in the queue, and a failed send leaves none.
    synchronized (fifo) {
      long seq = table.register(c.index(), scheduledNanos);
      fifo.push(seq);
      if (c.send(payload.render(seq)) != ClientConnection.SendResult.SENT) {
        fifo.dropLast();
        table.fail(seq);
      }
    }
  }

  /** API Gateway's error frame: {"message": "Internal server error", "connectionId":..., "requestId":...}. */
  static boolean isErrorFrame(String text) {
    return text.startsWith("{\"message\"") && text.contains("\"requestId\"");
  }

  private void onReplyInOrder(ClientConnection c, String text, long now) {
    long seq;
    TagQueue fifo = fifos[c.index()];
    synchronized (fifo) {
      seq = fifo.poll();
    }
    if (seq < 0) {
      counters.errorFrames.increment();
      return;
    }
    boolean resolved;
    if (isErrorFrame(text)) {
      resolved = table.rejected(seq);
    } else {
      long latency = table.complete(seq, now);
      resolved = latency != InFlightTable.NO_MATCH;
      if (resolved) recorder.recordValue(latency);
    }
    // A timed-out message's loop already went on from the sweep.
    if (resolved && !settings.openLoop()) next(c);
  }

  private void sweep(boolean everything) {
    table.sweep(timeoutNanos, everything, owner -> {
      if (!settings.openLoop()) next(byIndex[owner]);
    });
  }

  private void tick(IntervalSampler sampler) {
    var interval = sampler.sample();
    progress.print(interval, counters.snapshot(), LatencySummary.of(sampler.soFarHistogram()));
  }

  @Override
  public void onText(ClientConnection c, String text) {
    long now = clock.getAsLong();
    if (byOrder && running) {
      onReplyInOrder(c, text, now);
      return;
    }
    long seq = JsonFields.longField(text, SEQ_FIELD);
    if (seq == JsonFields.MISSING) {
      if (!running && mode == Mode.PUSH) {
        String id = JsonFields.stringField(text, settings.idField());
        if (id != null) {
          c.connectionId(id);
          ids[c.index()].complete(null);
          return;
        }
      }
      counters.errorFrames.increment();
      return;
    }
    long latency = table.complete(seq, now);
    if (latency != InFlightTable.NO_MATCH) {
      recorder.recordValue(latency);
      if (!settings.openLoop()) next(c);
    }
  }

  @Override
  public void onBinary(ClientConnection c) {
    counters.errorFrames.increment();
  }

  @Override
  public void onClosed(ClientConnection c, boolean byUs) {
    if (!byUs) counters.closed.increment();
  }

  private void closeAll(ClientConnection[] live) throws InterruptedException {
    for (ClientConnection c : live) c.close();
    long deadline = clock.getAsLong() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
    for (ClientConnection c : live) {
      while (!c.closed() && clock.getAsLong() < deadline) Thread.sleep(DRAIN_POLL_MILLIS);
    }
  }

  private RunResult result(ClientConnection[] live, IntervalSampler sampler) {
    Histogram h = sampler.measuredHistogram();
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("connections", live.length);
    s.put("loop", settings.openLoop() ? "open" : "closed");
    s.put("rate", settings.rate());
    s.put("inFlight", settings.openLoop() ? 0 : settings.inFlight());
    s.put("size", settings.size());
    s.put("match", byOrder ? "order" : "seq");
    s.put("warmupSeconds", settings.warmup().toMillis() / 1000.0);
    s.put("timeoutMs", settings.timeout().toMillis());
    Map<String, Object> extra = new LinkedHashMap<>();
    double window = sampler.measuredSeconds();
    cpu.report(extra, window, sampler.measuredThroughput() * window, "Message");
    if (push != null) extra.put("pushFailuresByStatus", push.failuresByStatus());
    return new RunResult(mode, settings.label(), settings.url().toString(), s, counters.snapshot(),
        sampler.measuredThroughput(), "msg/s", window, LatencySummary.of(h), PercentilePoint.curve(h),
        sampler.intervals(), extra);
  }
}
