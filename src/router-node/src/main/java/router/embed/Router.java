package router.embed;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.settings.ServerSettings;
import router.config.RouterRole;
import router.engine.RouterConfig;
import router.engine.RouterEngine;
import router.node.control.ControlPlaneRoutes;
import router.node.control.VpcLinkRoutes;
import router.node.execute.ExecuteApiRoutes;
import router.node.ws.WebSocketSettings;

/**
 * Router embedded in a host application's ActorSystem: {@code Router.get(system)} starts the engine on this node
 * (when it has {@code router.cluster.role}, or no role is configured) and hands out its routes as plain pekko-http
 * {@link Route} values, and the {@code @connections} operations as a Java API ({@link #connections()}).
 *
 * <p>The ActorSystem must be cluster-enabled and created with {@link #config(Config)} (Router's Pekko defaults and
 * storage under the host's own settings). It binds no port and creates no ActorSystem.
 */
public final class Router implements Extension {
  private final ActorSystem<?> system;
  private final RouterEngine engine;
  private final RouterConnections connections;
  private final Route executeApi;

  private Router(ActorSystem<?> system, RouterEngine engine, RouterConnections connections) {
    this.system = system;
    this.engine = engine;
    this.connections = connections;
    // Built once: a host may pass router::executeApiRoute as a directive's inner route, evaluated per request.
    this.executeApi = engine == null ? null
        : new ExecuteApiRoutes(engine, WebSocketSettings.from(system.settings().config())).route();
  }

  /** The Router of {@code system}, started on first use. */
  public static Router get(ActorSystem<?> system) {
    return Id.INSTANCE.apply(system);
  }

  /**
   * The configuration to create the host's ActorSystem with: {@code application} — the host's own layers,
   * unresolved and without reference.conf (e.g. {@code ConfigFactory.parseResources("chat.conf")}), highest
   * priority first — over Router's Pekko defaults (persistence plugins, sharding) and every reference.conf, with the
   * journal's database taken from {@code router.storage}. The host's settings win over all of Router's.
   */
  public static Config config(Config application) {
    return RouterConfig.load(application);
  }

  /** As {@link #config(Config)} with the JVM's system properties and application.conf as the host's layers. */
  public static Config config() {
    return RouterConfig.load();
  }

  /** Whether this node runs Router (holds connections and API entities): see {@code router.cluster.role}. */
  public boolean runsHere() {
    return engine != null;
  }

  /** The engine on this node; only on nodes that run Router. */
  public RouterEngine engine() {
    if (engine == null) {
      throw new IllegalStateException("This node does not have the Router role \"" + RouterRole.of(system)
          + "\" (router.cluster.role): it serves no WebSocket APIs");
    }
    return engine;
  }

  /** The {@code @connections} operations, on any node of the cluster. */
  public RouterConnections connections() {
    return connections;
  }

  /**
   * The execute-api route: {@code /{apiId}/{stage}} upgrades to a WebSocket (or {@code Host:
   * {apiId}.execute-api.*} and {@code /{stage}}), {@code /{apiId}/{stage}/@connections/{id}} is the
   * {@code @connections} HTTP API. Mount it at the root or under a path prefix of the host's server, best bound
   * with {@link #executeApiServerSettings()}. Every limit of {@code router.connection} applies.
   */
  public Route executeApiRoute() {
    engine();
    return executeApi;
  }

  /**
   * The control plane: the apigatewayv2 REST API under {@code /v2} (what the AWS CLI and SDKs call with
   * {@code --endpoint-url}), VPC links included. {@code webSocketBase} is where the host serves
   * {@link #executeApiRoute()} as clients reach it, e.g. {@code ws://chat.example.com/ws}: the {@code apiEndpoint}
   * of an API is {@code webSocketBase/{apiId}}. Build it once and mount the value.
   */
  public Route controlPlaneRoute(String webSocketBase) {
    String base = webSocketBase.endsWith("/") ? webSocketBase.substring(0, webSocketBase.length() - 1)
        : webSocketBase;
    return controlPlaneRoute(apiId -> base + "/" + apiId);
  }

  /** As {@link #controlPlaneRoute(String)}, with the {@code apiEndpoint} of each API id given by the host. */
  public Route controlPlaneRoute(Function<String, String> apiEndpoint) {
    RouterEngine engine = engine();
    return Directives.concat(new VpcLinkRoutes(engine.vpcLinks()).route(),
        new ControlPlaneRoutes(engine.config(), apiEndpoint).route());
  }

  /**
   * The server settings of the host's listener that serves {@link #executeApiRoute()}: its idle timeout
   * ({@code router.node.http.idle-timeout}) above the WebSocket idle timeout, so that Router closes idle connections
   * with 1001 rather than pekko-http dropping them, and the client's address kept for
   * {@code $context.identity.sourceIp}.
   */
  public ServerSettings executeApiServerSettings() {
    ServerSettings defaults = ServerSettings.create(system.classicSystem());
    Duration idle = system.settings().config().getDuration("router.node.http.idle-timeout");
    return defaults.withRemoteAddressAttribute(true).withTimeouts(defaults.getTimeouts().withIdleTimeout(
        scala.concurrent.duration.Duration.fromNanos(idle.toNanos())));
  }

  /**
   * Completes when this node is Up in the cluster (the host joins it) and, on a Router node, every deployed stage
   * is served. Routes answer before that, but a stage not yet loaded answers 403 like an undeployed one.
   */
  public CompletionStage<Done> start() {
    CompletableFuture<Done> up = new CompletableFuture<>();
    whenUp(Cluster.get(system), up);
    return engine == null ? up : up.thenCompose(done -> engine.start());
  }

  // Membership changes arrive as events; a short poll keeps this free of a subscriber actor.
  private static void whenUp(Cluster cluster, CompletableFuture<Done> up) {
    if (cluster.selfMember().status() == MemberStatus.up()) {
      up.complete(Done.getInstance());
    } else {
      CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS).execute(() -> whenUp(cluster, up));
    }
  }

  /** Starts Router on the ActorSystem once. */
  public static final class Id extends ExtensionId<Router> {
    static final Id INSTANCE = new Id();

    private Id() {}

    @Override
    public Router createExtension(ActorSystem<?> system) {
      Config config = system.settings().config();
      Duration askTimeout = config.getDuration("router.control-plane.ask-timeout");
      if (!RouterRole.runsHere(system)) {
        return new Router(system, null, new RouterConnections(system, null, askTimeout));
      }
      if (config.getString("pekko.persistence.journal.plugin").isEmpty()) {
        throw new IllegalStateException("No journal plugin (pekko.persistence.journal.plugin): create the "
            + "ActorSystem with router.embed.Router.config(...), or configure the host's persistence plugin");
      }
      RouterEngine engine = RouterEngine.init(system);
      return new Router(system, engine, new RouterConnections(system, engine.connectionService(), askTimeout));
    }
  }
}
