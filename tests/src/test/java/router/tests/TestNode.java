package router.tests;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import router.integration.IntegrationBackends;
import router.node.RouterNode;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;

/**
 * A Router node started in this JVM on free ports, with its own H2 directory (or the storage the overrides
 * choose), and the real AWS SDK client pointed at its control plane.
 */
final class TestNode implements AutoCloseable {
  private static final Duration START = Duration.ofSeconds(60);

  final ActorSystem<Void> system;
  final RouterNode node;
  final ApiGatewayV2Client sdk;

  private TestNode(ActorSystem<Void> system, RouterNode node) {
    this.system = system;
    this.node = node;
    this.sdk = ApiGatewayV2Client.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + node.controlAddress().getPort()))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(ApacheHttpClient.create())
        .build();
  }

  static TestNode start(Path dataDir) {
    return start(dataDir, Map.of());
  }

  static TestNode start(Path dataDir, Map<String, Object> overrides) {
    return start(dataDir, overrides, IntegrationBackends.none());
  }

  static TestNode start(Path dataDir, Map<String, Object> overrides, IntegrationBackends backends) {
    Config config = ConfigFactory.parseMap(overrides)
        .withFallback(ConfigFactory.parseMap(Map.of(
            "router.node.http.port", 0,
            "router.node.control.port", 0,
            "router.storage.h2.dir", dataDir.toString(),
            "pekko.remote.artery.canonical.port", 0,
            "pekko.actor.serialize-messages", "on",
            // also verify Pekko's own wrappers (StatusReply, Done), which carry our replies and errors; only the
            // typed timers' envelope is exempt (it never leaves its actor; checked, it would be swallowed and Pekko's
            // own timers, such as the receptionist's pruning, would never fire)
            "pekko.actor.no-serialization-verification-needed-class-prefix",
            java.util.List.of("org.apache.pekko.actor.typed.internal.TimerSchedulerImpl$"),
            "pekko.loglevel", "WARNING")));
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "router", RouterNode.loadConfig(config));
    try {
      RouterNode node = RouterNode.start(system, backends).toCompletableFuture().get(START.toSeconds(), TimeUnit.SECONDS);
      return new TestNode(system, node);
    } catch (Exception e) {
      system.terminate();
      throw new IllegalStateException("node did not start", e);
    }
  }

  String wsUrl(String apiId, String stage) {
    return "ws://127.0.0.1:" + node.executeApiAddress().getPort() + "/" + apiId + "/" + stage;
  }

  String controlUrl() {
    return "http://127.0.0.1:" + node.controlAddress().getPort();
  }

  @Override
  public void close() throws Exception {
    sdk.close();
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
