package router.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.settings.ServerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import router.engine.RouterConfig;
import router.engine.RouterEngine;
import router.integration.IntegrationBackends;
import router.node.control.ConsoleRoutes;
import router.node.control.ControlPlaneRoutes;
import router.node.control.VpcLinkRoutes;
import router.node.execute.ExecuteApiRoutes;
import router.node.metrics.PrometheusMetrics;
import router.node.ws.WebSocketSettings;

/**
 * A running Router node: the engine on an ActorSystem, the execute-api and control-plane listeners, readiness.
 * {@link #start} composes them; {@link Main} only loads config and calls it.
 */
public final class RouterNode {
  private static final Logger log = LoggerFactory.getLogger(RouterNode.class);

  private final RouterEngine engine;
  private final ServerBinding executeApi;
  private final ServerBinding control;
  private final Readiness readiness;
  private final PrometheusMetrics metrics;

  private RouterNode(RouterEngine engine, ServerBinding executeApi, ServerBinding control, Readiness readiness,
      PrometheusMetrics metrics) {
    this.engine = engine;
    this.executeApi = executeApi;
    this.control = control;
    this.readiness = readiness;
    this.metrics = metrics;
  }

  /**
   * The configuration of a standalone node: JVM overrides, then the user's application.conf, then router-node.conf
   * (with its ROUTER_* environment overrides), then every reference.conf — with the storage selected.
   */
  public static Config loadConfig() {
    return loadConfig(ConfigFactory.empty());
  }

  /** As {@link #loadConfig()}, with {@code overrides} on top (tests: ports, data directory). */
  public static Config loadConfig(Config overrides) {
    ConfigFactory.invalidateCaches();
    return ClusterSeeds.apply(RouterConfig.load(overrides
        .withFallback(ConfigFactory.defaultOverrides())
        .withFallback(ConfigFactory.defaultApplication())
        .withFallback(ConfigFactory.parseResources(RouterNode.class.getClassLoader(), "router-node.conf"))));
  }

  /**
   * Joins the cluster (the seed nodes of {@code pekko.cluster.seed-nodes}, which {@code ROUTER_CLUSTER_SEEDS} sets;
   * itself, when there are none), starts the engine and binds both listeners;
   * completes when the node is ready to serve every deployed stage.
   */
  public static CompletionStage<RouterNode> start(ActorSystem<?> system) {
    return start(system, IntegrationBackends.none());
  }

  /** As {@link #start(ActorSystem)}, with some integration backends replaced (see {@code RouterEngine.init}). */
  public static CompletionStage<RouterNode> start(ActorSystem<?> system, IntegrationBackends backends) {
    Config config = system.settings().config();
    NodeSettings node = NodeSettings.from(config);
    Cluster cluster = Cluster.get(system);
    if (config.getStringList("pekko.cluster.seed-nodes").isEmpty()) {
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
    }
    PrometheusMetrics metrics = PrometheusMetrics.from(config);
    RouterEngine engine = RouterEngine.init(system, backends,
        metrics == null ? router.metrics.RouterMetrics.NONE : metrics.routerMetrics());
    if (metrics != null) metrics.bind(engine);
    Readiness readiness = new Readiness(cluster);
    // On shutdown the node says at once that it is not ready, so a load balancer stops sending new clients.
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseBeforeServiceUnbind(), "router-not-ready", () -> {
      readiness.shuttingDown();
      return CompletableFuture.completedFuture(Done.getInstance());
    });
    WebSocketSettings webSocket = WebSocketSettings.from(config);

    ServerSettings defaults = ServerSettings.create(system.classicSystem());
    ServerSettings executeSettings = defaults.withTimeouts(defaults.getTimeouts().withIdleTimeout(
        scala.concurrent.duration.Duration.fromNanos(config.getDuration("router.node.http.idle-timeout").toNanos())));
    CompletionStage<ServerBinding> executeApi = Http.get(system)
        .newServerAt(node.httpInterface(), node.httpPort())
        .withSettings(executeSettings)
        .bind(new ExecuteApiRoutes(engine, webSocket).route());
    // On shutdown, no new connection is accepted; open ones close in a later phase (RouterEngine).
    executeApi.thenAccept(binding -> CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceUnbind(),
        "router-unbind-execute-api", () -> binding.unbind().thenApply(unbound -> Done.getInstance())));
    CompletionStage<RouterNode> bound = executeApi.thenCompose(execute -> Http.get(system)
        .newServerAt(node.controlInterface(), node.controlPort())
        .bind(Directives.concat(
            new HealthRoutes(readiness::reasons).route(),
            new ClusterRoutes(cluster, engine::nodeTagOf).route(),
            metrics == null ? Directives.reject() : metrics.route(),
            new VpcLinkRoutes(engine.vpcLinks()).route(),
            new ConsoleRoutes(node.endpoints(execute.localAddress().getPort())).route(),
            new ControlPlaneRoutes(engine.config(), node.endpoints(execute.localAddress().getPort())).route()))
        .thenApply(control -> new RouterNode(engine, execute, control, readiness, metrics)));

    return bound.thenCompose(routerNode -> whenUp(cluster)
        .thenCompose(up -> engine.start())
        .whenComplete((done, failure) -> {
          if (failure != null) readiness.startFailed(failure);
        })
        .thenApply(done -> {
          readiness.stagesLoaded();
          log.info("Router node ready: execute-api on {}, control plane on {}",
              routerNode.executeApiAddress(), routerNode.controlAddress());
          return routerNode;
        }));
  }

  private static CompletionStage<Void> whenUp(Cluster cluster) {
    CompletableFuture<Void> up = new CompletableFuture<>();
    poll(cluster, up);
    return up;
  }

  // Cluster membership changes arrive as events; a short poll keeps this free of a subscriber actor.
  private static void poll(Cluster cluster, CompletableFuture<Void> up) {
    if (cluster.selfMember().status() == MemberStatus.up()) {
      up.complete(null);
    } else {
      CompletableFuture.delayedExecutor(50, java.util.concurrent.TimeUnit.MILLISECONDS)
          .execute(() -> poll(cluster, up));
    }
  }

  public RouterEngine engine() {
    return engine;
  }

  public InetSocketAddress executeApiAddress() {
    return executeApi.localAddress();
  }

  public InetSocketAddress controlAddress() {
    return control.localAddress();
  }

  public boolean isReady() {
    return readiness.isReady();
  }

  /** The node's metrics registry, or null when {@code router.metrics.enabled} is off. */
  public PrometheusMetrics metrics() {
    return metrics;
  }
}
