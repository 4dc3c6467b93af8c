package router.node.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.ToDoubleFunction;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.dispatch.Dispatcher;
import org.apache.pekko.dispatch.MessageDispatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges of Pekko dispatchers ({@code pekko_dispatcher_*}, label {@code dispatcher}): threads, busy threads, queued
 * tasks, parallelism and, for fork-join pools, steals; for thread-pool executors, completed tasks. Read at scrape time
 * from the dispatcher's executor as it is then: a dispatcher shuts its executor down when it has had no actors for a
 * while and builds a new one later, so nothing here holds on to an executor. Nothing is recorded on the hot path.
 */
final class DispatcherMetrics {
  private static final Logger log = LoggerFactory.getLogger(DispatcherMetrics.class);

  private DispatcherMetrics() {}

  /** Registers the gauges of each dispatcher id that exists in {@code system}; unknown ids are logged and skipped. */
  static void bind(MeterRegistry registry, ActorSystem system, List<String> dispatcherIds) {
    for (String id : dispatcherIds) {
      if (!system.dispatchers().hasDispatcher(id)) {
        log.warn("router.metrics.dispatchers: no dispatcher {} in this actor system; it is not reported", id);
        continue;
      }
      MessageDispatcher dispatcher = system.dispatchers().lookup(id);
      if (!(dispatcher instanceof Dispatcher pooled)) {
        log.warn("router.metrics.dispatchers: {} is a {}, not a pooled dispatcher; it is not reported", id,
            dispatcher.getClass().getName());
        continue;
      }
      bind(registry, Tags.of("dispatcher", id), pooled);
    }
  }

  private static void bind(MeterRegistry registry, Tags tags, Dispatcher dispatcher) {
    gauge(registry, "pekko.dispatcher.threads", tags, dispatcher, "Threads in the dispatcher's pool",
        executor -> executor instanceof ForkJoinPool pool ? pool.getPoolSize()
            : executor instanceof ThreadPoolExecutor pool ? pool.getPoolSize() : Double.NaN);
    gauge(registry, "pekko.dispatcher.threads.active", tags, dispatcher,
        "Threads of the dispatcher running a task (fork-join: also those stealing or blocked in a managed block)",
        executor -> executor instanceof ForkJoinPool pool ? pool.getActiveThreadCount()
            : executor instanceof ThreadPoolExecutor pool ? pool.getActiveCount() : Double.NaN);
    gauge(registry, "pekko.dispatcher.queued.tasks", tags, dispatcher,
        "Tasks (actor mailboxes, stream and future callbacks) waiting for a thread of the dispatcher",
        executor -> executor instanceof ForkJoinPool pool ? pool.getQueuedSubmissionCount() + pool.getQueuedTaskCount()
            : executor instanceof ThreadPoolExecutor pool ? pool.getQueue().size() : Double.NaN);
    gauge(registry, "pekko.dispatcher.parallelism", tags, dispatcher,
        "Target number of threads of the dispatcher (fork-join parallelism, or the thread pool's core size)",
        executor -> executor instanceof ForkJoinPool pool ? pool.getParallelism()
            : executor instanceof ThreadPoolExecutor pool ? pool.getCorePoolSize() : Double.NaN);
    FunctionCounter.builder("pekko.dispatcher.tasks", dispatcher, d -> read(d,
            executor -> executor instanceof ForkJoinPool pool ? pool.getStealCount()
                : executor instanceof ThreadPoolExecutor pool ? pool.getCompletedTaskCount() : 0))
        .tags(tags)
        .description("Fork-join pools: tasks stolen by one thread from another's queue; thread pools: tasks completed")
        .register(registry);
  }

  private static void gauge(MeterRegistry registry, String name, Tags tags, Dispatcher dispatcher, String description,
      ToDoubleFunction<ExecutorService> reading) {
    Gauge.builder(name, dispatcher, d -> read(d, reading)).tags(tags).description(description)
        .strongReference(true).register(registry);
  }

  // The executor behind the dispatcher's delegate as it is now (Pekko recreates it after an idle shutdown).
  private static double read(Dispatcher dispatcher, ToDoubleFunction<ExecutorService> reading) {
    ExecutorService executor = dispatcher.executorService().executor();
    return reading.applyAsDouble(executor);
  }
}
