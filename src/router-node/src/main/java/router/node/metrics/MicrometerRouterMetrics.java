package router.node.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import router.metrics.RouteMetrics;
import router.metrics.RouterMetrics;
import router.metrics.StageMetrics;
import router.protocol.GatewayMessages;

/**
 * {@link RouterMetrics} over a Micrometer registry. Per-message counters are bound when a stage is compiled;
 * what happens once per connection or per {@code @connections} request looks its counter up in a small map.
 */
public final class MicrometerRouterMetrics implements RouterMetrics {
  private static final String BACKEND_MOCK = "MOCK";
  private static final Duration[] INSTALL_LAG_BUCKETS = Stream.of(10, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000)
      .map(Duration::ofMillis).toArray(Duration[]::new);

  private final MeterRegistry registry;
  private final Duration[] latencyBuckets;
  private final Counter accepted;
  private final Counter received;
  private final Counter sent;
  private final Counter forbidden;
  private final Counter internalError;
  private final Counter timedOut;
  private final Counter unsupportedMediaType;
  private final Counter accessLogDropped;
  private final Timer stageCompiles;
  private final Timer stageInstallLag;
  private final RenderTimes templateRenders = new RenderTimes();
  private final Map<Integer, Counter> closed = new ConcurrentHashMap<>();
  private final Map<String, Counter> connectionsRequests = new ConcurrentHashMap<>();
  private final Map<String, BackendCounters> backends = new ConcurrentHashMap<>();
  private final Set<String> bulkheadsBound = ConcurrentHashMap.newKeySet();

  /** @param latencyBuckets upper bounds of the IntegrationLatency histogram's buckets */
  public MicrometerRouterMetrics(MeterRegistry registry, Duration[] latencyBuckets) {
    this.registry = registry;
    this.latencyBuckets = latencyBuckets.clone();
    accepted = Counter.builder("router.connections.accepted")
        .description("WebSocket upgrades accepted by this node").register(registry);
    received = Counter.builder("router.messages.received")
        .description("Messages received from clients by this node").register(registry);
    sent = Counter.builder("router.messages.sent")
        .description("Messages sent to clients by this node: replies, error frames, @connections pushes")
        .register(registry);
    forbidden = errorFrames("forbidden");
    internalError = errorFrames("internal_server_error");
    timedOut = errorFrames("endpoint_request_timed_out");
    unsupportedMediaType = errorFrames("unsupported_media_type");
    accessLogDropped = Counter.builder("router.access.log.dropped")
        .description("Access and execution log lines dropped because the log writer's queue was full")
        .register(registry);
    stageCompiles = Timer.builder("router.stage.compile")
        .description("Deployed stages compiled for this node (installs and redeployments), and how long each took")
        .register(registry);
    stageInstallLag = Timer.builder("router.stage.install.lag")
        .description("Time from a deployment's publication by the node owning its API to its install on this node")
        .serviceLevelObjectives(INSTALL_LAG_BUCKETS)
        .register(registry);
    // Two per MOCK message: a function timer over two adders rather than a Timer, whose windowed maximum reads the
    // clock and updates a ring of maxima on every record (see docs/architecture.md, "Metrics").
    FunctionTimer.builder("router.template.render", templateRenders, RenderTimes::count, RenderTimes::nanos,
            TimeUnit.NANOSECONDS)
        .description("Mapping templates (request and response) rendered by this node, and how long each took")
        .register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  @Override
  public StageMetrics stage(String apiId, String stageName) {
    return new MicrometerStageMetrics(stageCounters(apiId, stageName), received, sent, templateRenders);
  }

  @Override
  public RouteMetrics route(String apiId, String stageName, String routeKey, boolean detailed, String backend) {
    ApiCounters route = detailed ? new ApiCounters(registry, "apigateway.route",
        Tags.of("api_id", apiId, "stage", stageName, "route", routeKey), latencyBuckets) : null;
    BackendCounters calls = backend == null ? null
        : backends.computeIfAbsent(backend, kind -> new BackendCounters(registry, kind));
    return new MicrometerRouteMetrics(stageCounters(apiId, stageName), route, calls,
        backend != null && !BACKEND_MOCK.equals(backend));
  }

  @Override
  public void bulkhead(String apiId, String integrationId, IntSupplier running, IntSupplier waiting) {
    // Registered once per integration: the node keeps one bulkhead per integration across deployments, and
    // registering the same gauge again would only make Micrometer warn.
    if (!bulkheadsBound.add(apiId + "/" + integrationId)) return;
    Tags tags = Tags.of("api_id", apiId, "integration_id", integrationId);
    Gauge.builder("router.integration.bulkhead.running", running, IntSupplier::getAsInt).tags(tags)
        .description("Calls of this integration running on this node").strongReference(true).register(registry);
    Gauge.builder("router.integration.bulkhead.waiting", waiting, IntSupplier::getAsInt).tags(tags)
        .description("Calls of this integration waiting for a free call on this node").strongReference(true)
        .register(registry);
  }

  @Override
  public void stageCompiled(long nanos) {
    stageCompiles.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void stageInstalled(long lagMillis) {
    stageInstallLag.record(lagMillis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void connectionAccepted() {
    accepted.increment();
  }

  @Override
  public void connectionClosed(int closeCode) {
    closed.computeIfAbsent(closeCode, code -> Counter.builder("router.connections.closed")
        .tag("code", Integer.toString(code))
        .description("Connections of this node that ended, by WebSocket close code (1006: no close frame)")
        .register(registry)).increment();
  }

  @Override
  public void errorFrame(String message) {
    Counter counter = switch (message) {
      case GatewayMessages.FORBIDDEN -> forbidden;
      case GatewayMessages.ENDPOINT_REQUEST_TIMED_OUT -> timedOut;
      case GatewayMessages.UNSUPPORTED_MEDIA_TYPE -> unsupportedMediaType;
      default -> internalError;
    };
    counter.increment();
  }

  @Override
  public void accessLogLineDropped() {
    accessLogDropped.increment();
  }

  @Override
  public void connectionsRequest(String method, int status) {
    connectionsRequests.computeIfAbsent(method + status, key -> Counter.builder("router.connections.api.requests")
        .tag("method", method).tag("status", Integer.toString(status))
        .description("@connections requests answered by this node, by method and status").register(registry))
        .increment();
  }

  /** What the template render timer reads at scrape time. */
  static final class RenderTimes {
    private final LongAdder count = new LongAdder();
    private final LongAdder nanos = new LongAdder();

    void record(long elapsedNanos) {
      count.increment();
      nanos.add(elapsedNanos);
    }

    long count() {
      return count.sum();
    }

    double nanos() {
      return nanos.sum();
    }
  }

  private ApiCounters stageCounters(String apiId, String stageName) {
    return new ApiCounters(registry, "apigateway", Tags.of("api_id", apiId, "stage", stageName), latencyBuckets);
  }

  private Counter errorFrames(String kind) {
    return Counter.builder("router.error.frames").tag("kind", kind)
        .description("Error frames sent to clients by this node, by message").register(registry);
  }
}
