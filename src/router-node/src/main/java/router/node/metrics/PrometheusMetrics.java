package router.node.metrics;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import com.typesafe.config.Config;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;
import router.connection.ConnectionRegistry;
import router.deploy.LiveStages;
import router.engine.RouterEngine;
import router.metrics.RouterMetrics;

/**
 * The node's metrics in Prometheus text format on {@code GET /metrics}: Router's own ({@link
 * MicrometerRouterMetrics}), the engine's gauges and the JVM's, over one Micrometer Prometheus registry. Settings:
 * {@code router.metrics}.
 */
public final class PrometheusMetrics {
  /** The Prometheus text exposition format, version 0.0.4. */
  private static final ContentType TEXT_FORMAT = ContentTypes.parse("text/plain; version=0.0.4; charset=utf-8");

  private static final List<MemberStatus> MEMBER_STATUSES = List.of(MemberStatus.joining(), MemberStatus.weaklyUp(),
      MemberStatus.up(), MemberStatus.leaving(), MemberStatus.exiting(), MemberStatus.down(),
      MemberStatus.removed());

  private final PrometheusMeterRegistry registry;
  private final MicrometerRouterMetrics routerMetrics;
  private final List<String> dispatchers;

  private PrometheusMetrics(
      PrometheusMeterRegistry registry, MicrometerRouterMetrics routerMetrics, List<String> dispatchers) {
    this.registry = registry;
    this.routerMetrics = routerMetrics;
    this.dispatchers = dispatchers;
  }

  /** The node's registry as {@code router.metrics} configures it; null when metrics are off. */
  public static PrometheusMetrics from(Config config) {
    Config settings = config.getConfig("router.metrics");
    if (!settings.getBoolean("enabled")) return null;
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    if (settings.getBoolean("jvm")) {
      new JvmMemoryMetrics().bindTo(registry);
      new JvmGcMetrics().bindTo(registry);
      new JvmThreadMetrics().bindTo(registry);
      new ClassLoaderMetrics().bindTo(registry);
      new ProcessorMetrics().bindTo(registry);
      new UptimeMetrics().bindTo(registry);
      new FileDescriptorMetrics().bindTo(registry);
    }
    ParsingErrorLog.configure(config.getDuration("router.logging.rate-limit-interval"));
    FunctionCounter.builder("router.http.bad.requests", ParsingErrorLog.class, c -> ParsingErrorLog.count())
        .description("Requests refused by the HTTP parser (malformed or cut short), in this process")
        .register(registry);
    Duration[] buckets = settings.getDurationList("integration-latency-buckets").toArray(Duration[]::new);
    return new PrometheusMetrics(registry, new MicrometerRouterMetrics(registry, buckets),
        List.copyOf(settings.getStringList("dispatchers")));
  }

  /** What the engine reports to. */
  public RouterMetrics routerMetrics() {
    return routerMetrics;
  }

  /**
   * Registers the gauges read from a running engine: open connections, queued bytes, live stages, cluster members,
   * and the dispatchers {@code router.metrics.dispatchers} names.
   */
  public void bind(RouterEngine engine) {
    Gauge.builder("router.connections.open", engine.connections(), ConnectionRegistry::size)
        .description("WebSocket connections open on this node").register(registry);
    Gauge.builder("router.connections.outbound.queued", engine.connections(), ConnectionRegistry::queuedBytes)
        .baseUnit("bytes").description("Bytes waiting in the outbound queues of this node's connections")
        .register(registry);
    Gauge.builder("router.stages.live", engine.stages(), LiveStages::size)
        .description("Deployed stages this node serves").register(registry);
    Cluster cluster = Cluster.get(engine.system());
    for (MemberStatus status : MEMBER_STATUSES) {
      // The cluster's state as this node sees it: a volatile snapshot, read at scrape time.
      Gauge.builder("router.cluster.members", cluster, c -> c.state().members().count(m -> m.status() == status))
          .tag("status", status.toString()).description("Members of the cluster as this node sees them, by status")
          .register(registry);
    }
    DispatcherMetrics.bind(registry, engine.system().classicSystem(), dispatchers);
  }

  /** {@code GET /metrics}. */
  public Route route() {
    return path("metrics", () -> get(() -> extractExecutionContext(executor -> completeWithFuture(
        java.util.concurrent.CompletableFuture.supplyAsync(() -> HttpResponse.create()
            .withEntity(HttpEntities.create(TEXT_FORMAT,
                registry.scrape().getBytes(java.nio.charset.StandardCharsets.UTF_8))), executor)))));
  }

  /** The text a scrape returns now (tests, tools). */
  public String scrape() {
    return registry.scrape();
  }
}
