package router.integration.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.OutgoingConnectionBuilder;
import org.apache.pekko.http.javadsl.settings.ClientConnectionSettings;
import org.apache.pekko.stream.Materializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import router.integration.IntegrationBackend;
import router.integration.IntegrationException;
import router.integration.IntegrationRequest;
import router.integration.IntegrationResult;
import router.integration.egress.EgressResolver;
import router.integration.egress.EgressSettings;

/**
 * HTTP and HTTP_PROXY integrations over the internet: pekko-http's non-blocking connection-level client, with
 * connections pooled per backend host ({@link HostPool}) and each exchange abortable at the caller's deadline. Every
 * new connection resolves its host through the {@link EgressResolver}, which (unless {@code
 * router.egress.allow-private-networks} is on) refuses loopback, private, link-local and metadata addresses;
 * redirects are never followed.
 */
public final class HttpBackend implements IntegrationBackend {
  private static final Logger log = LoggerFactory.getLogger(HttpBackend.class);

  private final ActorSystem<?> system;
  private final HttpSettings settings;
  private final EgressResolver egress;
  private final Materializer materializer;
  private final ClientConnectionSettings connectionSettings;
  private final ConcurrentHashMap<OutboundRequest.Target, HostPool> pools = new ConcurrentHashMap<>();

  HttpBackend(ActorSystem<?> system, HttpSettings settings, EgressResolver egress) {
    this.system = system;
    this.settings = settings;
    this.egress = egress;
    this.materializer = Materializer.matFromSystem(system);
    ClientConnectionSettings defaults = ClientConnectionSettings.create(system.classicSystem())
        .withIdleTimeout(settings.idleTimeout())
        .withConnectingTimeout(settings.connectingTimeout());
    // A backend's headers reach integration responses as name and value: parsing each into pekko's model (Date,
    // Server, ...) per answer is work nobody reads. Connection and Content-Type are parsed regardless.
    this.connectionSettings = defaults.withParserSettings(
        defaults.getParserSettings().withModeledHeaderParsing(false));
  }

  /**
   * The HTTP transport of VPC link integrations: the same client, with no egress restriction, because a VPC link is
   * how an operator lets integrations reach private targets (the targets come from config, not from API owners).
   */
  public static HttpBackend throughVpcLinks(ActorSystem<?> system) {
    EgressSettings configured = EgressSettings.from(system.settings().config());
    EgressSettings open = new EgressSettings(true, configured.allowedTargets(), configured.resolverDispatcher());
    return new HttpBackend(system, HttpSettings.from(system.settings().config()),
        new EgressResolver(open, resolverExecutor(system, open)));
  }

  private static Executor resolverExecutor(ActorSystem<?> system, EgressSettings settings) {
    return system.dispatchers().lookup(DispatcherSelector.fromConfig(settings.resolverDispatcher()));
  }

  /** The backend of {@code system}, with the settings of its config; logs the egress policy in force. */
  public static HttpBackend create(ActorSystem<?> system) {
    EgressSettings egressSettings = EgressSettings.from(system.settings().config());
    Executor resolverExecutor = resolverExecutor(system, egressSettings);
    if (egressSettings.allowPrivateNetworks()) {
      log.info("Egress: HTTP integrations may reach loopback and private networks "
          + "(router.egress.allow-private-networks = on; turn it off for a shared or public gateway)");
    } else {
      log.info("Egress: HTTP integrations may not reach loopback, private, link-local or metadata addresses "
          + "(router.egress.allow-private-networks = off){}", egressSettings.allowedTargets().isEmpty() ? ""
              : ", except " + egressSettings.allowedTargets());
    }
    return new HttpBackend(system, HttpSettings.from(system.settings().config()),
        new EgressResolver(egressSettings, resolverExecutor));
  }

  @Override
  public CompletionStage<IntegrationResult> invoke(IntegrationRequest request) {
    OutboundRequest outbound;
    try {
      outbound = HttpRequests.of(request);
    } catch (IntegrationException e) {
      return CompletableFuture.failedFuture(e);
    }
    HostPool pool = pools.computeIfAbsent(outbound.target(),
        target -> new HostPool(settings.maxConnectionsPerHost(), () -> open(target)));
    return new HttpExchange(request, outbound, pool, settings, materializer).start();
  }

  private PooledConnection open(OutboundRequest.Target target) {
    // The host is resolved first, once, on the resolver's dispatcher (pekko's default resolver would block its
    // internal dispatcher), and the policy is applied to the very address the TCP connection then uses.
    return PooledConnection.open(egress.resolve(target.host(), target.port()), address -> {
      OutgoingConnectionBuilder builder = Http.get(system).connectionTo(target.host()).toPort(target.port())
          .withClientConnectionSettings(connectionSettings.withTransport(new ResolvedTransport(address)));
      return target.https() ? builder.https() : builder.http();
    }, materializer);
  }
}
