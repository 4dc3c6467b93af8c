package router.template;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads mapping templates render on, apart from the connections' threads, so that a template that runs to its
 * deadline holds a render thread, never a thread that serves sockets. Renders are grouped in lanes (one per API):
 * a lane runs at most {@code rendersPerLane} renders at once and queues at most {@code waitingPerLane} more, so one
 * API hammered with a pathological template occupies only its share of the threads and the others' renders still
 * find one free. A render that waited longer than the render timeout fails without running.
 *
 * <p>Threads are daemons and end after a minute without work, so a pool needs no shutdown. Thread-safe.
 */
public final class RenderPool {
  private static final long IDLE_SECONDS = 60;

  private final ThreadPoolExecutor executor;
  private final int rendersPerLane;
  private final int waitingPerLane;
  private final Map<String, Lane> lanes = new ConcurrentHashMap<>();

  /**
   * @param threads render threads of the node
   * @param rendersPerLane renders of one lane (API) running at once; below {@code threads}, so others find one free
   * @param waitingPerLane renders of one lane waiting for a thread; past that a render fails at once
   */
  public RenderPool(int threads, int rendersPerLane, int waitingPerLane) {
    if (threads < 1 || rendersPerLane < 1 || waitingPerLane < 0) {
      throw new IllegalArgumentException("render pool: threads " + threads + ", renders per lane "
          + rendersPerLane + ", waiting per lane " + waitingPerLane);
    }
    this.rendersPerLane = rendersPerLane;
    this.waitingPerLane = waitingPerLane;
    this.executor = new ThreadPoolExecutor(threads, threads, IDLE_SECONDS, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), new RenderThreads());
    executor.allowCoreThreadTimeOut(true);
  }

  /** Two threads, or one per core; an API may use all but one of them. */
  public static RenderPool defaults() {
    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    return new RenderPool(threads, threads - 1, 1000);
  }

  /** Renders {@code template} on a render thread, in {@code lane}; completes with the output or the failure. */
  CompletableFuture<String> submit(String lane, CompiledTemplate template, TemplateContext context) {
    CompletableFuture<String> result = new CompletableFuture<>();
    long queuedAt = System.nanoTime();
    long timeout = template.limits().renderTimeout().toNanos();
    Runnable render = () -> {
      if (System.nanoTime() - queuedAt > timeout) {
        result.completeExceptionally(new TemplateRenderException("Mapping template '" + template.name()
            + "' waited longer than the render timeout for a render thread"));
        return;
      }
      try {
        result.complete(template.render(context));
      } catch (TemplateRenderException e) {
        result.completeExceptionally(e);
      } catch (RuntimeException | StackOverflowError e) {
        result.completeExceptionally(new TemplateRenderException(
            "Mapping template '" + template.name() + "' failed: " + e, e));
      }
    };
    if (!lanes.computeIfAbsent(lane, k -> new Lane()).offer(render)) {
      result.completeExceptionally(new TemplateRenderException("Mapping template '" + template.name()
          + "': " + waitingPerLane + " renders of this API are already waiting for a render thread"));
    }
    return result;
  }

  /** Renders of one lane: how many run, and those waiting for one of them to end. */
  private final class Lane {
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int running;

    boolean offer(Runnable render) {
      synchronized (this) {
        if (running >= rendersPerLane) {
          if (waiting.size() >= waitingPerLane) return false;
          waiting.add(render);
          return true;
        }
        running++;
      }
      executor.execute(() -> runThenNext(render));
      return true;
    }

    // The lane's next render goes to the back of the pool's queue, behind other lanes' renders.
    private void runThenNext(Runnable render) {
      Runnable next;
      try {
        render.run();
      } finally {
        synchronized (this) {
          next = waiting.poll();
          if (next == null) running--;
        }
      }
      if (next != null) executor.execute(() -> runThenNext(next));
    }
  }

  private static final class RenderThreads implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable runnable) {
      Thread thread = new Thread(runnable, "router-template-render-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}
