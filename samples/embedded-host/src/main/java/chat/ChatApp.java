package chat;

import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.getFromResource;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.pathSingleSlash;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import router.embed.Router;
import router.integration.actor.HostActorIntegration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;

/**
 * A chat application that embeds Router: its own ActorSystem and HTTP server serve its page at {@code /} and, beside
 * it, Router's execute-api route under {@code /ws}; the control plane listens on a second, loopback-only port. At
 * start it creates its WebSocket API through that control plane, served by its {@link Lobby} and {@link Room}
 * actors.
 */
public final class ChatApp implements AutoCloseable {
  private static final Duration START = Duration.ofSeconds(60);

  private final ActorSystem<Void> system;
  private final ServerBinding web;
  private final ServerBinding admin;
  private final String apiId;
  private final String webSocketBase;

  private ChatApp(ActorSystem<Void> system, ServerBinding web, ServerBinding admin, String apiId,
      String webSocketBase) {
    this.system = system;
    this.web = web;
    this.admin = admin;
    this.apiId = apiId;
    this.webSocketBase = webSocketBase;
  }

  public static void main(String[] args) throws Exception {
    ChatApp app = start(ConfigFactory.empty());
    System.out.println("Chat page:           http://127.0.0.1:" + app.web.localAddress().getPort() + "/");
    System.out.println("WebSocket API:       " + app.webSocketUrl());
    System.out.println("Control plane (CLI): aws apigatewayv2 get-apis --endpoint-url " + app.controlPlaneUrl());
    app.system.getWhenTerminated().toCompletableFuture().get();
  }

  /** Starts the application with {@code overrides} over chat.conf (and JVM system properties). */
  public static ChatApp start(Config overrides) throws Exception {
    // The host's own layers, highest first; Router.config puts Router's defaults and every reference.conf below.
    Config config = Router.config(overrides
        .withFallback(ConfigFactory.defaultOverrides())
        .withFallback(ConfigFactory.parseResources(ChatApp.class.getClassLoader(), "chat.conf")));
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "chat", config);
    try {
      return start(system);
    } catch (Exception e) {
      system.terminate();
      throw e;
    }
  }

  private static ChatApp start(ActorSystem<Void> system) throws Exception {
    Config chat = system.settings().config().getConfig("chat");
    Cluster cluster = Cluster.get(system);
    if (system.settings().config().getStringList("pekko.cluster.seed-nodes").isEmpty()) {
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
    }
    Router router = Router.get(system);
    register(system, system.systemActorOf(Lobby.create(router.connections()), "lobby", Props.empty()));

    ServerBinding web = Http.get(system).newServerAt(chat.getString("http.interface"), chat.getInt("http.port"))
        .withSettings(router.executeApiServerSettings())
        .bind(concat(
            pathSingleSlash(() -> getFromResource("chat/index.html")),
            pathPrefix("ws", router::executeApiRoute)))
        .toCompletableFuture().get(START.toSeconds(), TimeUnit.SECONDS);
    String base = chat.getString("public-endpoint").isEmpty()
        ? "ws://" + chat.getString("http.interface") + ":" + web.localAddress().getPort() + "/ws"
        : chat.getString("public-endpoint");
    ServerBinding admin = Http.get(system).newServerAt(chat.getString("admin.interface"), chat.getInt("admin.port"))
        .bind(router.controlPlaneRoute(base))
        .toCompletableFuture().get(START.toSeconds(), TimeUnit.SECONDS);
    router.start().toCompletableFuture().get(START.toSeconds(), TimeUnit.SECONDS);

    String apiId;
    try (ApiGatewayV2Client sdk = ApiGatewayV2Client.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + admin.localAddress().getPort()))
        .region(Region.US_EAST_1)
        // The control plane does not check signatures; the SDK still wants credentials to sign with.
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("chat", "chat")))
        .httpClient(ApacheHttpClient.create())
        .build()) {
      apiId = ChatApi.ensure(sdk);
    }
    return new ChatApp(system, web, admin, apiId, base);
  }

  /**
   * Registers the lobby with the Receptionist and waits until it is listed: registration is asynchronous, and a
   * message routed before it lands is answered "Internal server error".
   */
  private static void register(ActorSystem<?> system, ActorRef<HostActorIntegration.Request> lobby)
      throws Exception {
    var key = HostActorIntegration.serviceKey(Lobby.SERVICE);
    system.receptionist().tell(Receptionist.register(key, lobby));
    long deadline = System.nanoTime() + START.toNanos();
    while (System.nanoTime() < deadline) {
      Receptionist.Listing listing = AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(),
          replyTo -> Receptionist.find(key, replyTo), Duration.ofSeconds(3), system.scheduler())
          .toCompletableFuture().get();
      if (listing.getServiceInstances(key).contains(lobby)) return;
      Thread.sleep(20);
    }
    throw new IllegalStateException("The Receptionist did not list the lobby");
  }

  /** Where clients connect: {@code ws://.../ws/{apiId}/production}. */
  public String webSocketUrl() {
    return webSocketBase + "/" + apiId + "/" + ChatApi.STAGE;
  }

  /** The control plane, for the AWS CLI's {@code --endpoint-url}. */
  public String controlPlaneUrl() {
    return "http://127.0.0.1:" + admin.localAddress().getPort();
  }

  /** The host's own page. */
  public String pageUrl() {
    return "http://127.0.0.1:" + web.localAddress().getPort() + "/";
  }

  public String apiId() {
    return apiId;
  }

  public ActorSystem<Void> system() {
    return system;
  }

  @Override
  public void close() throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
