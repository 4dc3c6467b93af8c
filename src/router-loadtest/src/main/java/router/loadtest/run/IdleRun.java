package router.loadtest.run;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.pekko.actor.ActorSystem;
import router.loadtest.client.ClientConnection;
import router.loadtest.client.FrameListener;
import router.loadtest.client.WebSocketClient;
import router.loadtest.report.ProgressLine;
import router.loadtest.stats.Counters;
import router.loadtest.stats.Interval;
import router.loadtest.stats.LatencySummary;
import router.loadtest.target.MemoryReading;
import router.loadtest.target.ProcessMemory;

/**
 * Idle hold: reads the target's heap (after a full GC) and RSS, opens C connections, lets them
 * settle, reads again, holds them for {@code hold} and closes them. Reports bytes per connection
 * = (after − before) / connections open.
 */
public final class IdleRun implements FrameListener {

  private static final long POLL_MILLIS = 100;
  private static final long CLOSE_WAIT_MILLIS = 10_000;

  private final LoadSettings settings;
  private final ActorSystem system;
  private final LongSupplier clock = System::nanoTime;
  private final Counters counters = new Counters();
  private final ProgressLine progress;

  /** An idle-hold run; progress goes to {@code err}. */
  public IdleRun(LoadSettings settings, ActorSystem system, PrintStream err) {
    this.settings = settings;
    this.system = system;
    this.progress = new ProgressLine(err, settings.progress(), "opened", "open");
  }

  /** Measures, connects, holds, closes; returns the result. */
  public RunResult run() throws InterruptedException, IOException {
    boolean measure = settings.measureMemory() && settings.targetPid() > 0;
    MemoryReading before = measure ? ProcessMemory.measure(settings.targetPid()) : null;
    if (before != null) {
      progress.status(String.format("target %d before: heap %d KiB, RSS %d KiB", settings.targetPid(),
          before.heapUsedBytes() / 1024, before.rssBytes() / 1024));
    }
    try (WebSocketClient connector = settings.newClient(system, settings.connections())) {
      return hold(connector, before, measure);
    }
  }

  private RunResult hold(WebSocketClient connector, MemoryReading before, boolean measure)
      throws InterruptedException, IOException {
    long start = clock.getAsLong();
    ConnectionOpener opener = ConnectionOpener.start(connector, this, counters, settings.connections(),
        settings.connectConcurrency());
    List<Interval> intervals = new ArrayList<>();
    long reportNanos = settings.reportInterval().toNanos();
    long nextReport = start + reportNanos;
    int lastFinished = 0;
    long last = start;
    while (!opener.future().isDone()) {
      Thread.sleep(POLL_MILLIS);
      long now = clock.getAsLong();
      if (now >= nextReport) {
        int f = opener.finished();
        progress.status(String.format("%7.1fs opened %d of %d (%.0f/s), failed %d", (now - start) / 1e9, f,
            settings.connections(), (f - lastFinished) / ((now - last) / 1e9), counters.connectFailures.sum()));
        lastFinished = f;
        last = now;
        nextReport += reportNanos;
      }
    }
    ClientConnection[] all = opener.future().join();
    double connectSeconds = (clock.getAsLong() - start) / 1e9;
    List<ClientConnection> open = new ArrayList<>();
    for (ClientConnection c : all) if (c != null) open.add(c);
    progress.status(String.format("opened %d of %d in %.1f s", open.size(), settings.connections(), connectSeconds));
    TimeUnit.MILLISECONDS.sleep(settings.settle().toMillis());
    MemoryReading after = measure ? ProcessMemory.measure(settings.targetPid()) : null;
    if (after != null) {
      progress.status(String.format("target %d after: heap %d KiB, RSS %d KiB", settings.targetPid(),
          after.heapUsedBytes() / 1024, after.rssBytes() / 1024));
    }
    TimeUnit.MILLISECONDS.sleep(settings.hold().toMillis());
    long stillOpen = open.stream().filter(c -> !c.closed()).count();
    progress.status(String.format("held %d connections for %s, %d still open", open.size(), settings.hold(), stillOpen));
    for (ClientConnection c : open) c.close();
    long deadline = clock.getAsLong() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
    for (ClientConnection c : open) {
      while (!c.closed() && clock.getAsLong() < deadline) Thread.sleep(POLL_MILLIS / 10);
    }
    counters.sent.add(settings.connections());
    counters.received.add(open.size());
    return result(open.size(), stillOpen, connectSeconds, before, after, intervals);
  }

  @Override
  public void onText(ClientConnection connection, String text) {}

  @Override
  public void onClosed(ClientConnection connection, boolean byUs) {
    if (!byUs) counters.closed.increment();
  }

  private RunResult result(int opened, long stillOpen, double connectSeconds, MemoryReading before,
      MemoryReading after, List<Interval> intervals) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("connections", settings.connections());
    s.put("holdSeconds", settings.hold().toMillis() / 1000.0);
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("opened", opened);
    extra.put("openAfterHold", stillOpen);
    if (before != null && after != null && opened > 0) {
      extra.put("heapBeforeBytes", before.heapUsedBytes());
      extra.put("heapAfterBytes", after.heapUsedBytes());
      extra.put("rssBeforeBytes", before.rssBytes());
      extra.put("rssAfterBytes", after.rssBytes());
      extra.put("heapPerConnectionBytes", (after.heapUsedBytes() - before.heapUsedBytes()) / (double) opened);
      extra.put("rssPerConnectionBytes", (after.rssBytes() - before.rssBytes()) / (double) opened);
    }
    return new RunResult(Mode.IDLE, settings.label(), settings.url().toString(), s, counters.snapshot(),
        connectSeconds > 0 ? opened / connectSeconds : 0, "conn/s", connectSeconds, LatencySummary.EMPTY,
        List.of(), intervals, extra);
  }
}
