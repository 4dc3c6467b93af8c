package router.engine;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import router.config.ApiCommands;
import router.config.ApiDirectory;
import router.config.ApiEntity;
import router.config.CompilingChecks;
import router.config.ConfigService;
import router.config.IdSource;
import router.config.VpcLinkRegistry;
import router.config.VpcLinkRules;
import router.config.VpcLinkService;
import router.config.VpcLinkTargetMap;
import router.connection.ConnectionGateways;
import router.connection.ConnectionRegistry;
import router.connection.ConnectionService;
import router.deploy.DeploymentCompiler;
import router.deploy.LiveStages;
import router.deploy.StageDistribution;
import router.deploy.StageReplicator;
import router.deploy.VpcLinkDirectory;
import router.deploy.VpcLinkDistribution;
import router.deploy.VpcLinkReplicator;
import router.ids.ConnectionIds;
import router.integration.BackendKind;
import router.integration.Bulkheads;
import router.integration.IntegrationBackends;
import router.integration.VpcLinkTargets;
import router.integration.actor.ActorBackend;
import router.integration.aws.AwsServiceBackend;
import router.integration.http.HttpBackend;
import router.integration.lambda.LambdaBackend;
import router.integration.vpclink.VpcLinkBackend;
import router.runtime.CloseStatus;
import router.metrics.RouterMetrics;
import router.runtime.AsyncAccessLog;
import router.runtime.ExecutionLogger;
import router.runtime.MessageProcessor;
import router.runtime.RateLimitedLog;
import router.storage.Storage;
import router.template.TemplateEngine;
import router.template.RenderPool;
import router.template.TemplateLimits;

/**
 * The Router engine of one node, embeddable in any cluster-enabled ActorSystem: storage, API entities, stage
 * distribution, the connection registry and the message processor. It binds no port; router-node (or a host
 * application) mounts its routes.
 */
public final class RouterEngine {
  private static final long INSTALL_POLL_MILLIS = 100;
  private final ActorSystem<?> system;
  private final RouterSettings settings;
  private final ConfigService config;
  private final VpcLinkService vpcLinks;
  private final LiveStages stages;
  private final ConnectionRegistry connections;
  private final ConnectionService connectionService;
  private final MessageProcessor processor;
  private final Bulkheads bulkheads;
  private final RouterMetrics metrics;
  private final int nodeTag;
  private final ConnectionGateways gateways = new ConnectionGateways();

  private RouterEngine(ActorSystem<?> system, RouterSettings settings, ConfigService config, VpcLinkService vpcLinks,
      LiveStages stages,
      ConnectionRegistry connections, MessageProcessor processor, Bulkheads bulkheads, RouterMetrics metrics,
      int nodeTag) {
    this.system = system;
    this.settings = settings;
    this.config = config;
    this.vpcLinks = vpcLinks;
    this.stages = stages;
    this.connections = connections;
    this.connectionService = new ConnectionService(system, connections, settings.askTimeout(), nodeTag, gateways);
    this.processor = processor;
    this.bulkheads = bulkheads;
    this.metrics = metrics;
    this.nodeTag = nodeTag;
  }

  /**
   * Prepares storage (blocking: creates missing tables) and starts the engine's actors on {@code system}, whose
   * config must have been given {@link Storage#withStorage}. Call once per ActorSystem.
   */
  public static RouterEngine init(ActorSystem<?> system) {
    return init(system, IntegrationBackends.none());
  }

  /**
   * As {@link #init(ActorSystem)}, with some backends replaced: each kind that {@code overrides} serves is served by
   * the override instead of the node's own backend (tests, or a host application's own transport).
   */
  public static RouterEngine init(ActorSystem<?> system, IntegrationBackends overrides) {
    return init(system, overrides, RouterMetrics.NONE);
  }

  /** As {@link #init(ActorSystem, IntegrationBackends)}, reporting to {@code metrics} (router-node: Micrometer). */
  public static RouterEngine init(ActorSystem<?> system, IntegrationBackends overrides, RouterMetrics metrics) {
    VpcLinkTargetMap vpcLinkTargets = VpcLinkTargetMap.from(system.settings().config());
    VpcLinkDirectory vpcLinks = new VpcLinkDirectory(vpcLinkTargets);
    IntegrationBackends backends = nodeBackends(system, vpcLinks).overriddenBy(overrides);
    RouterSettings settings = RouterSettings.from(system.settings().config());
    Storage.Settings storage = Storage.settings(system.settings().config());
    Storage.checkShareable(storage, system.settings().config().getStringList("pekko.cluster.seed-nodes"));
    Storage.createSchema(storage);
    // The owner tag in connection ids: unique among the live nodes sharing this storage (see claimNodeTag).
    int nodeTag = Storage.claimNodeTag(storage);
    TemplateEngine templates = new TemplateEngine(templateLimits(settings), renderPool(system.settings().config()));
    Bulkheads bulkheads = Bulkheads.from(system.settings().config());
    LiveStages stages = new LiveStages(new DeploymentCompiler(templates, backends, bulkheads, metrics), metrics,
        System::currentTimeMillis);
    ActorRef<StageReplicator.Command> replicator =
        system.systemActorOf(StageReplicator.create(stages), "routerStageReplicator", Props.empty());
    ApiCommands commands = new ApiCommands(new CompilingChecks(templates), IdSource.RANDOM,
        () -> Instant.now().truncatedTo(ChronoUnit.SECONDS));
    ApiEntity.init(system, commands, new StageDistribution(stages, replicator));
    ApiDirectory.init(system);
    ActorRef<VpcLinkReplicator.Command> vpcLinkReplicator =
        system.systemActorOf(VpcLinkReplicator.create(vpcLinks), "routerVpcLinkReplicator", Props.empty());
    VpcLinkRegistry.init(system, new VpcLinkRules(vpcLinkTargets),
        new VpcLinkDistribution(vpcLinks, vpcLinkReplicator));
    VpcLinkService vpcLinkService = new VpcLinkService(system, settings.askTimeout());
    ConfigService config = new ConfigService(system, settings.askTimeout());
    AsyncAccessLog accessLog = new AsyncAccessLog(
        system.settings().config().getInt("router.access-log.queue-size"), metrics::accessLogLineDropped).start();
    system.getWhenTerminated().thenRun(accessLog::close);
    com.typesafe.config.Config logging = system.settings().config().getConfig("router.logging");
    MessageProcessor processor = new MessageProcessor(system.log(), metrics, accessLog,
        new ExecutionLogger(accessLog, "json".equalsIgnoreCase(logging.getString("execution-log-format"))),
        new RateLimitedLog(system.log(), logging.getDuration("rate-limit-interval")));
    ConnectionRegistry connections = new ConnectionRegistry(processor);
    // API Gateway closes the connections of a deleted stage; they still run its $disconnect.
    stages.onRetired(handle -> connections.closeStage(handle.apiId(), handle.stageName(), CloseStatus.GOING_AWAY));
    closeConnectionsOnShutdown(system, connections, settings.shutdownTimeout());
    RouterEngine engine = new RouterEngine(system, settings, config, vpcLinkService, stages, connections, processor,
        bulkheads, metrics, nodeTag);
    engine.connectionService.startGateway();
    system.log().info("Node tag {} (the owner part of this node's connection ids)", nodeTag);
    return engine;
  }

  /**
   * When the node shuts down (SIGTERM, {@code CoordinatedShutdown}), its connections close with 1001 and run their
   * {@code $disconnect} before the node leaves the cluster, waiting at most {@code timeout} for them.
   */
  private static void closeConnectionsOnShutdown(
      ActorSystem<?> system, ConnectionRegistry connections, java.time.Duration timeout) {
    CoordinatedShutdown.get(system).addTask(CoordinatedShutdown.PhaseServiceRequestsDone(), "router-close-connections",
        () -> {
          if (connections.size() > 0) system.log().info("Closing {} connections", connections.size());
          return connections.closeAll(CloseStatus.GOING_AWAY)
              .completeOnTimeout(Done.getInstance(), timeout.toMillis(), TimeUnit.MILLISECONDS);
        });
  }

  /** The backend of every integration kind on this node. */
  private static IntegrationBackends nodeBackends(ActorSystem<?> system, VpcLinkTargets vpcLinks) {
    return IntegrationBackends.standard()
        .with(BackendKind.HTTP, HttpBackend.create(system))
        // Through a VPC link, HTTP goes to the link's private targets: its transport has no egress restriction.
        .with(BackendKind.VPC_LINK, new VpcLinkBackend(vpcLinks, HttpBackend.throughVpcLinks(system)))
        .with(BackendKind.LAMBDA, LambdaBackend.create(system))
        .with(BackendKind.AWS_SERVICE, AwsServiceBackend.create(system))
        .with(BackendKind.ACTOR, new ActorBackend(system));
  }

  private static RenderPool renderPool(com.typesafe.config.Config config) {
    int threads = config.getInt("router.templates.render-threads");
    if (threads <= 0) threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    int perApi = config.getInt("router.templates.renders-per-api");
    return new RenderPool(threads, perApi <= 0 ? Math.max(1, threads - 1) : Math.min(perApi, threads),
        config.getInt("router.templates.waiting-renders-per-api"));
  }

  private static TemplateLimits templateLimits(RouterSettings s) {
    return new TemplateLimits(s.maxTemplateBytes(), s.maxTemplateLoops(), s.templateRenderTimeout(),
        s.maxTemplateOutputBytes(), s.maxTemplateStringBytes(), s.maxTemplateWork(), s.maxMacroDepth());
  }

  /**
   * Registers APIs the directory lost ({@link ConfigService#repairDirectory}), then wakes every API entity, so
   * that all deployed stages are served on this node; completes when each has recovered and every deployed stage of
   * every API is installed on this node (those of entities on other nodes arrive through replication). Call once
   * the node is a member of the cluster.
   */
  public CompletionStage<Done> start() {
    return vpcLinks.wake().thenCompose(linksPublished -> config.repairDirectory()).handle((repaired, failure) -> {
      // Best effort: a failed repair leaves the directory as it was, which start can still serve.
      if (failure != null) system.log().warn("Could not check the API directory against the journal", failure);
      else if (!repaired.isEmpty()) system.log().warn("Registered APIs missing from the API directory: {}", repaired);
      return Done.getInstance();
    }).thenCompose(done -> config.apiIds()).thenCompose(ids -> {
      List<CompletableFuture<Done>> woken =
          ids.stream().map(id -> config.wake(id).toCompletableFuture()).toList();
      return CompletableFuture.allOf(woken.toArray(CompletableFuture[]::new)).thenApply(v -> Done.getInstance());
    }).thenCompose(woken -> installed());
  }

  /** Completes once every stage that has a deployment, in every API, is installed in this node's live stages. */
  private CompletionStage<Done> installed() {
    return config.apiIds().thenCompose(ids -> {
      List<CompletableFuture<Boolean>> checks = ids.stream().map(id -> config.<ApiEntity.Stages>ask(id,
              ApiEntity.GetStages::new)
          .thenApply(all -> all.items().stream().filter(stage -> stage.deploymentId() != null)
              .allMatch(stage -> stages.isInstalled(id, stage.stageName())))
          // An API deleted since the listing has nothing to install.
          .toCompletableFuture().exceptionally(e -> true)).toList();
      return CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new))
          .thenApply(v -> checks.stream().allMatch(CompletableFuture::join));
    }).thenCompose(all -> {
      if (all) return CompletableFuture.completedFuture(Done.getInstance());
      return CompletableFuture.supplyAsync(() -> null,
              CompletableFuture.delayedExecutor(INSTALL_POLL_MILLIS, TimeUnit.MILLISECONDS))
          .thenCompose(tick -> installed());
    });
  }

  /** A new connection id owned by this node. */
  public String newConnectionId() {
    return ConnectionIds.connectionId(nodeTag);
  }

  /** This node's tag in the connection ids it issues ({@link ConnectionIds#nodeTagOf}). */
  public int nodeTag() {
    return nodeTag;
  }

  /**
   * The node tag of the cluster member at {@code member} (this node's own, or as listed by the receptionist), or
   * null when that member's connection gateway is not known here (yet).
   */
  public Integer nodeTagOf(org.apache.pekko.actor.Address member) {
    if (member.equals(org.apache.pekko.cluster.typed.Cluster.get(system).selfMember().address())) return nodeTag;
    return gateways.tagOf(member);
  }

  public ActorSystem<?> system() {
    return system;
  }

  public RouterSettings settings() {
    return settings;
  }

  public ConfigService config() {
    return config;
  }

  /** The VPC link operations of the control plane. */
  public VpcLinkService vpcLinks() {
    return vpcLinks;
  }

  public LiveStages stages() {
    return stages;
  }

  public ConnectionRegistry connections() {
    return connections;
  }

  /** The {@code @connections} operations (post, describe, close) on connections by id. */
  public ConnectionService connectionService() {
    return connectionService;
  }

  public MessageProcessor processor() {
    return processor;
  }

  /** Where the engine and the node's listeners report what they do. */
  public RouterMetrics metrics() {
    return metrics;
  }

  /** The concurrency limits of this node's integrations (calls running and waiting). */
  public Bulkheads bulkheads() {
    return bulkheads;
  }
}
