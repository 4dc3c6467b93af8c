package router.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import router.connection.ConnectionGateway;
import router.embed.Router;
import router.errors.GoneException;
import router.errors.LimitExceededException;
import router.integration.EventContext;
import router.integration.actor.HostActorIntegration;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/**
 * Two host ActorSystems in one cluster, only one with the {@code router} role: the WebSocket connections are held
 * by the router node, the host's actor lives on the other node, and messages, replies and {@code @connections}
 * calls of the Java API cross the cluster (serialize-messages on).
 */
class EmbeddingClusterTest {
  @TempDir static Path routerDir;
  @TempDir static Path appDir;
  static EmbeddedHost routerNode;
  static EmbeddedHost appNode;
  static String apiId;
  static final BlockingQueue<EventContext> events = new LinkedBlockingQueue<>();

  @BeforeAll
  static void start() throws Exception {
    routerNode = EmbeddedHost.start(routerDir, List.of("router"), true, null);
    appNode = EmbeddedHost.start(appDir, List.of("app"), true, routerNode.address());
    Router app = appNode.router;
    // The host's actor, on the node without Router: answers the message, and pushes through the Java API.
    HostActors.register(appNode.system, "room", Behaviors.receiveMessage(request -> {
      EventContext event = request.event();
      events.add(event);
      app.connections().post(event.connectionId(), "pushed from the app node");
      request.replyTo().tell(HostActorIntegration.Response.ok("answered by the app node"));
      return Behaviors.same();
    }));
    awaitListed(routerNode.system, HostActorIntegration.serviceKey("room"));
    awaitListed(appNode.system, ConnectionGateway.KEY);

    apiId = routerNode.sdk.createApi(b -> b.name("cluster").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    String integrationId = routerNode.sdk.createIntegration(b -> b.apiId(apiId).integrationType("AWS_PROXY")
        .integrationUri("arn:aws:apigateway:us-east-1:actor:path/room")).integrationId();
    String routeId = routerNode.sdk.createRoute(b -> b.apiId(apiId).routeKey("sendmessage")
        .routeResponseSelectionExpression("$default").target("integrations/" + integrationId)).routeId();
    routerNode.sdk.createRouteResponse(b -> b.apiId(apiId).routeId(routeId).routeResponseKey("$default"));
    routerNode.sdk.createStage(b -> b.apiId(apiId).stageName("dev").autoDeploy(true));
  }

  /** Waits until {@code system}'s Receptionist lists an instance of {@code key}: registrations spread by gossip. */
  private static void awaitListed(ActorSystem<?> system, ServiceKey<?> key) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      Receptionist.Listing listing = AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(),
          replyTo -> Receptionist.find(key, replyTo), Duration.ofSeconds(3), system.scheduler())
          .toCompletableFuture().get();
      if (!listing.getAllServiceInstances(key).isEmpty()) return;
      Thread.sleep(50);
    }
    throw new AssertionError(system.name() + " did not list " + key.id());
  }

  @AfterAll
  static void stop() throws Exception {
    if (appNode != null) appNode.close();
    if (routerNode != null) routerNode.close();
  }

  @Test
  void onlyTheNodeWithTheRoleRunsRouter() {
    assertTrue(routerNode.router.runsHere());
    assertFalse(appNode.router.runsHere());
    assertThrows(IllegalStateException.class, appNode.router::engine);
  }

  @Test
  void messagesReachTheHostActorOnTheOtherNodeAndRepliesAndPushesComeBack() throws Exception {
    try (WsClient client = WsClient.connect(routerNode.wsUrl(apiId, "dev"))) {
      events.clear();
      client.send("{\"action\":\"sendmessage\",\"text\":\"hi\"}");
      EventContext event = events.poll(10, TimeUnit.SECONDS);
      assertEquals("sendmessage", event.routeKey());
      assertEquals("{\"action\":\"sendmessage\",\"text\":\"hi\"}", event.body());
      // The reply (integration response) and the push (Java API via the router node's gateway) in either order.
      assertEquals(Set.of("answered by the app node", "pushed from the app node"),
          Set.of(client.next(), client.next()));
    }
  }

  @Test
  void theAppNodeDescribesAndClosesAConnectionHeldByTheRouterNode() throws Exception {
    try (WsClient client = WsClient.connect(routerNode.wsUrl(apiId, "dev"))) {
      events.clear();
      client.send("{\"action\":\"sendmessage\"}");
      String connectionId = events.poll(10, TimeUnit.SECONDS).connectionId();
      client.next();
      client.next();
      Router app = appNode.router;
      assertEquals(connectionId,
          app.connections().describe(connectionId).toCompletableFuture().get(10, TimeUnit.SECONDS).connectionId());
      app.connections().close(connectionId).toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertEquals(1000, client.awaitClose().code());
      ExecutionException gone = assertThrows(ExecutionException.class,
          () -> app.connections().post(connectionId, "late").toCompletableFuture().get(10, TimeUnit.SECONDS));
      assertInstanceOf(GoneException.class, gone.getCause(), "410 crosses the cluster with its type");
    }
  }

  @Test
  void aClientThatDoesNotReadGets429ThroughTheJavaApiOfTheAppNode() throws Exception {
    String message = "m".repeat(16 * 1024);
    // A client with a small TCP window that sends one message, then never reads.
    try (RawSocket stuck = RawSocket.webSocket(routerNode.server.localAddress().getPort(), "127.0.0.1",
        "/ws/" + apiId + "/dev", 4096)) {
      events.clear();
      stuck.sendText("{\"action\":\"sendmessage\"}");
      String connectionId = events.poll(10, TimeUnit.SECONDS).connectionId();
      Throwable refused = null;
      for (int i = 0; i < 2000 && refused == null; i++) {
        try {
          appNode.router.connections().post(connectionId, message).toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          refused = e.getCause();
        }
      }
      assertInstanceOf(LimitExceededException.class, refused, "the outbound queue bound crosses the cluster");
      assertEquals(429, ((LimitExceededException) refused).httpStatus());
    }
  }

  @Test
  void anIdOfNoRouterNodeIsGoneFromTheAppNode() {
    ExecutionException gone = assertThrows(ExecutionException.class, () -> appNode.router.connections()
        .post("not-a-connection", "x").toCompletableFuture().get(10, TimeUnit.SECONDS));
    assertInstanceOf(GoneException.class, gone.getCause());
  }
}
