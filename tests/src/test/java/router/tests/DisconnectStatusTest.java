package router.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import router.integration.EventContext;
import router.integration.actor.HostActorIntegration;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/**
 * Every way a connection ends, as the client sees it (its close code) and as {@code $disconnect} sees it ({@code
 * disconnectStatusCode} and {@code disconnectReason}, the fields API Gateway puts in the Lambda proxy event). The
 * routes go to an actor of the host that records each event by connection id. One node keeps API Gateway's limits;
 * another has an idle timeout and a maximum duration of seconds.
 */
class DisconnectStatusTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Map<String, BlockingQueue<EventContext>> disconnects = new ConcurrentHashMap<>();
  private static TestNode node;
  private static TestNode shortLived;
  private static String apiId;
  private static String shortLivedApiId;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(Files.createTempDirectory("router-disconnect"));
    shortLived = TestNode.start(Files.createTempDirectory("router-disconnect-short"),
        Map.of("router.connection.idle-timeout", "1 s", "router.connection.max-duration", "3 s"));
    apiId = deploy(node, "dev");
    shortLivedApiId = deploy(shortLived, "dev");
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
    shortLived.close();
  }

  /** An API whose $default answers with the connection id and whose $disconnect is recorded, on a new stage. */
  private static String deploy(TestNode target, String stage) {
    ActorRef<HostActorIntegration.Request> recorder = target.system.systemActorOf(
        Behaviors.receiveMessage(request -> {
          EventContext event = request.event();
          if (EventContext.DISCONNECT.equals(event.eventType())) {
            disconnects.computeIfAbsent(event.connectionId(), id -> new LinkedBlockingQueue<>()).add(event);
          }
          request.replyTo().tell(HostActorIntegration.Response.ok(event.connectionId()));
          return Behaviors.same();
        }), "recorder-" + System.nanoTime(), Props.empty());
    target.system.receptionist().tell(Receptionist.register(HostActorIntegration.serviceKey("recorder"), recorder));
    String api = target.sdk.createApi(b -> b.name("disconnects").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    String integrationId = target.sdk.createIntegration(b -> b.apiId(api).integrationType("AWS_PROXY")
        .integrationUri("arn:aws:apigateway:us-east-1:actor:path/recorder")).integrationId();
    String routeId = target.sdk.createRoute(b -> b.apiId(api).routeKey("$default")
        .routeResponseSelectionExpression("$default").target("integrations/" + integrationId)).routeId();
    target.sdk.createRouteResponse(b -> b.apiId(api).routeId(routeId).routeResponseKey("$default"));
    target.sdk.createRoute(b -> b.apiId(api).routeKey("$disconnect").target("integrations/" + integrationId));
    target.sdk.createStage(b -> b.apiId(api).stageName(stage).autoDeploy(true));
    return api;
  }

  /**
   * Learns the connection's id from the $default route. The actor backend learns of a new integration's actors from
   * the Receptionist asynchronously, so the first calls of a new API may answer an error frame: ask again.
   */
  private static String connectionId(WsClient client) throws InterruptedException {
    for (int attempt = 0; attempt < 100; attempt++) {
      client.send("{\"action\":\"whoami\"}");
      String reply = client.next();
      if (!reply.startsWith("{\"message\"")) return reply;
      Thread.sleep(100);
    }
    throw new AssertionError("the recorder actor never answered");
  }

  /** The $disconnect event of a connection, waiting for it. */
  private static EventContext disconnectOf(String connectionId) throws InterruptedException {
    EventContext event = disconnects.computeIfAbsent(connectionId, id -> new LinkedBlockingQueue<>())
        .poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertNotNull(event, "no $disconnect for " + connectionId);
    return event;
  }

  private static void assertDisconnect(int code, String reason, EventContext event) {
    assertEquals("$disconnect", event.routeKey());
    assertEquals(code, event.disconnectStatusCode());
    assertEquals(reason, event.disconnectReason());
  }

  @Test
  void aClientsCloseReachesDisconnectWithItsCodeAndReason() throws Exception {
    WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"));
    String id = connectionId(client);
    client.closeWith(4001, "moving on");
    assertEquals(4001, client.awaitClose().code());
    assertDisconnect(4001, "moving on", disconnectOf(id));
  }

  @Test
  void aMessageOver128KiBCloses1009AndDisconnectSaysSo() throws Exception {
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"))) {
      String id = connectionId(client);
      client.send("x".repeat(128 * 1024 + 1));
      assertEquals(new WsClient.Closed(1009, "Message too big"), client.awaitClose());
      assertDisconnect(1009, "Message too big", disconnectOf(id));
    }
  }

  @Test
  void aBinaryFrameCloses1003AndDisconnectSaysSo() throws Exception {
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"))) {
      String id = connectionId(client);
      client.sendBinary(new byte[] {1, 2, 3});
      assertEquals(1003, client.awaitClose().code());
      assertDisconnect(1003, "Binary frames are not supported", disconnectOf(id));
    }
  }

  @Test
  void deleteThroughConnectionsClosesNormallyAsApiGatewayReportsIt() throws Exception {
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"))) {
      String id = connectionId(client);
      RawSocket.Response deleted = RawSocket.http(node.node.executeApiAddress().getPort(), "DELETE", "127.0.0.1",
          "/" + apiId + "/dev/@connections/" + id, new byte[0]);
      assertEquals(204, deleted.status());
      assertEquals(1000, client.awaitClose().code());
      assertDisconnect(1000, "Connection Closed Normally", disconnectOf(id));
    }
  }

  @Test
  void deletingTheStageClosesItsConnectionsWith1001AndRunsTheirDisconnect() throws Exception {
    String api = deploy(node, "doomed");
    try (WsClient client = WsClient.connect(node.wsUrl(api, "doomed"))) {
      String id = connectionId(client);
      node.sdk.deleteStage(b -> b.apiId(api).stageName("doomed"));
      assertEquals(new WsClient.Closed(1001, "Going away"), client.awaitClose());
      assertDisconnect(1001, "Going away", disconnectOf(id));
    }
  }

  @Test
  void anIdleConnectionCloses1001AndDisconnectSaysGoingAway() throws Exception {
    try (WsClient client = WsClient.connect(shortLived.wsUrl(shortLivedApiId, "dev"))) {
      String id = connectionId(client);
      assertEquals(new WsClient.Closed(1001, "Going away"), client.awaitClose());
      assertDisconnect(1001, "Going away", disconnectOf(id));
    }
  }

  @Test
  void anActiveConnectionStillClosesAtTheMaximumDuration() throws Exception {
    try (WsClient client = WsClient.connect(shortLived.wsUrl(shortLivedApiId, "dev"))) {
      String id = connectionId(client);
      // Messages every 200 ms keep the 1 s idle timeout away; only the 3 s maximum duration can close it.
      while (client.isOpen()) {
        try {
          client.send("{\"action\":\"ping\"}");
        } catch (RuntimeException closedMeanwhile) {
          break;
        }
        Thread.sleep(200);
      }
      assertEquals(new WsClient.Closed(1001, "Going away"), client.awaitClose());
      assertDisconnect(1001, "Going away", disconnectOf(id));
    }
  }

  @Test
  void aNodeShuttingDownClosesItsConnectionsWith1001AndRunsTheirDisconnectFirst() throws Exception {
    TestNode leaving = TestNode.start(Files.createTempDirectory("router-disconnect-leaving"));
    String api = deploy(leaving, "dev");
    WsClient client = WsClient.connect(leaving.wsUrl(api, "dev"));
    String id = connectionId(client);
    leaving.close(); // CoordinatedShutdown, as on SIGTERM
    assertEquals(new WsClient.Closed(1001, "Going away"), client.awaitClose());
    assertDisconnect(1001, "Going away", disconnectOf(id));
  }
}
