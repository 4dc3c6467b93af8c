package router.node.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** pekko_dispatcher_*: read from the live pools of a real actor system, fork-join and thread-pool alike. */
class DispatcherMetricsTest {
  private static ActorSystem system;

  @BeforeAll
  static void start() {
    system = ActorSystem.create("dispatcher-metrics", ConfigFactory.parseString("""
        pool-dispatcher {
          type = Dispatcher
          executor = "thread-pool-executor"
          thread-pool-executor.fixed-pool-size = 3
        }
        """).withFallback(ConfigFactory.defaultReference()));
  }

  @AfterAll
  static void stop() throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void reportsBusyThreadsAndQueuedTasksOfAForkJoinDispatcher() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    DispatcherMetrics.bind(registry, system, List.of("pekko.actor.default-dispatcher"));
    String id = "pekko.actor.default-dispatcher";
    double parallelism = gauge(registry, "pekko.dispatcher.parallelism", id);
    assertTrue(parallelism >= 1, "parallelism " + parallelism);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch running = new CountDownLatch((int) parallelism);
    Executor dispatcher = system.dispatchers().lookup(id);
    // Every thread of the pool blocked, and more tasks than threads: the rest must show as queued.
    for (int i = 0; i < parallelism + 5; i++) {
      dispatcher.execute(() -> {
        running.countDown();
        await(release);
      });
    }
    try {
      assertTrue(running.await(10, TimeUnit.SECONDS));
      assertEquals(parallelism, gauge(registry, "pekko.dispatcher.threads.active", id));
      assertTrue(gauge(registry, "pekko.dispatcher.threads", id) >= parallelism);
      assertTrue(gauge(registry, "pekko.dispatcher.queued.tasks", id) >= 5,
          "queued " + gauge(registry, "pekko.dispatcher.queued.tasks", id));
    } finally {
      release.countDown();
    }
  }

  @Test
  void reportsAThreadPoolDispatcherAndCountsItsCompletedTasks() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    DispatcherMetrics.bind(registry, system, List.of("pool-dispatcher"));
    Executor dispatcher = system.dispatchers().lookup("pool-dispatcher");
    CountDownLatch done = new CountDownLatch(10);
    for (int i = 0; i < 10; i++) dispatcher.execute(done::countDown);
    assertTrue(done.await(10, TimeUnit.SECONDS));
    assertEquals(3, gauge(registry, "pekko.dispatcher.parallelism", "pool-dispatcher"));
    // Completed counts are updated after the task returns: wait for the tenth.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (tasks(registry, "pool-dispatcher") < 10 && System.nanoTime() < deadline) Thread.sleep(10);
    assertEquals(10, tasks(registry, "pool-dispatcher"));
  }

  @Test
  void skipsADispatcherTheSystemDoesNotHave() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    DispatcherMetrics.bind(registry, system, List.of("no-such-dispatcher", "pekko.actor.default-dispatcher"));
    assertNull(registry.find("pekko.dispatcher.threads").tag("dispatcher", "no-such-dispatcher").gauge());
    assertTrue(gauge(registry, "pekko.dispatcher.parallelism", "pekko.actor.default-dispatcher") >= 1);
  }

  private static double gauge(SimpleMeterRegistry registry, String name, String dispatcher) {
    return registry.get(name).tag("dispatcher", dispatcher).gauge().value();
  }

  private static double tasks(SimpleMeterRegistry registry, String dispatcher) {
    return registry.get("pekko.dispatcher.tasks").tag("dispatcher", dispatcher).functionCounter().count();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
