package router.tests;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import router.embed.Router;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;

/**
 * A host application that embeds Router without router-node's RouterNode or Main: its own ActorSystem (created with
 * {@code Router.config}), its own HTTP server mounting {@code /hello} beside the route values of {@link Router}
 * ({@code /ws/...} execute-api; the control plane on a second, loopback port). Only nodes with the Router role bind.
 */
final class EmbeddedHost implements AutoCloseable {
  final ActorSystem<Void> system;
  final Router router;
  ServerBinding server;
  ServerBinding admin;
  ApiGatewayV2Client sdk;

  private EmbeddedHost(ActorSystem<Void> system) {
    this.system = system;
    this.router = Router.get(system);
  }

  /**
   * A host node with {@code roles}, joining {@code seed} (itself when null); Router's role is "router" when
   * {@code routerRole} is set, else every node runs Router.
   */
  static EmbeddedHost start(Path dataDir, List<String> roles, boolean routerRole, Address seed) throws Exception {
    Map<String, Object> settings = new HashMap<>(Map.of(
        "pekko.actor.provider", "cluster",
        "pekko.remote.artery.canonical.hostname", "127.0.0.1",
        "pekko.remote.artery.canonical.port", 0,
        "pekko.cluster.roles", roles,
        "pekko.cluster.jmx.multi-mbeans-in-same-jvm", "on",
        "pekko.actor.serialize-messages", "on",
        "pekko.loglevel", "WARNING",
        "router.storage.h2.dir", dataDir.toString()));
    if (routerRole) settings.put("router.cluster.role", "router");
    Config config = Router.config(ConfigFactory.parseMap(settings));
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "host", config);
    EmbeddedHost host = new EmbeddedHost(system);
    Cluster cluster = Cluster.get(system);
    cluster.manager().tell(Join.create(seed == null ? cluster.selfMember().address() : seed));
    if (host.router.runsHere()) host.bind();
    host.router.start().toCompletableFuture().get(60, TimeUnit.SECONDS);
    return host;
  }

  private void bind() throws Exception {
    server = Http.get(system).newServerAt("127.0.0.1", 0)
        .withSettings(router.executeApiServerSettings())
        .bind(concat(
            path("hello", () -> complete("hello from the host")),
            pathPrefix("ws", router::executeApiRoute)))
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    admin = Http.get(system).newServerAt("127.0.0.1", 0)
        .bind(router.controlPlaneRoute("ws://127.0.0.1:" + server.localAddress().getPort() + "/ws"))
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
    sdk = ApiGatewayV2Client.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + admin.localAddress().getPort()))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(ApacheHttpClient.create())
        .build();
  }

  Address address() {
    return Cluster.get(system).selfMember().address();
  }

  String wsUrl(String apiId, String stage) {
    return "ws://127.0.0.1:" + server.localAddress().getPort() + "/ws/" + apiId + "/" + stage;
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.localAddress().getPort() + path;
  }

  @Override
  public void close() throws Exception {
    if (sdk != null) sdk.close();
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
