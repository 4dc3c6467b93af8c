package router.jmh;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import router.metrics.RouteMetrics;
import router.metrics.RouterMetrics;
import router.metrics.StageMetrics;
import router.node.metrics.MicrometerRouterMetrics;

/**
 * What counting costs one message on the data plane: received, sent, one integration answer (counted and timed),
 * on counters bound when the stage was compiled — with the no-op an embedding host gets, and with the node's
 * Micrometer Prometheus registry.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MetricsBenchmark {
  private StageMetrics noneStage;
  private RouteMetrics noneRoute;
  private StageMetrics stage;
  private RouteMetrics route;
  private RouteMetrics detailedRoute;

  @Setup
  public void setUp() {
    noneStage = RouterMetrics.NONE.stage("api", "dev");
    noneRoute = RouterMetrics.NONE.route("api", "dev", "echo", false, "HTTP");
    MicrometerRouterMetrics metrics = new MicrometerRouterMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
        new Duration[] {Duration.ofMillis(5), Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofSeconds(29)});
    stage = metrics.stage("api", "dev");
    route = metrics.route("api", "dev", "echo", false, "HTTP");
    detailedRoute = metrics.route("api", "dev", "detailed", true, "HTTP");
  }

  @Benchmark
  public void noOp() {
    noneStage.messageReceived();
    noneRoute.integrationAnswered(1_000_000L, 200);
    noneStage.messageSent();
  }

  @Benchmark
  public void micrometer() {
    stage.messageReceived();
    route.integrationAnswered(1_000_000L, 200);
    stage.messageSent();
  }

  @Benchmark
  public void micrometerDetailedRoute() {
    stage.messageReceived();
    detailedRoute.integrationAnswered(1_000_000L, 200);
    stage.messageSent();
  }
}
