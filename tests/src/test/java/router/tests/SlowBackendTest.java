package router.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import router.integration.actor.HostActorIntegration;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/**
 * A backend that never answers, hammered by many connections: the node holds at most the bulkhead's calls plus one
 * waiter per in-flight slot of each connection (the rest stays in the clients' sockets), and another route on the
 * same node keeps answering every message.
 */
class SlowBackendTest {
  private static final int MAX_CONCURRENT = 4;
  private static final int MAX_IN_FLIGHT = 4;
  private static final int CONNECTIONS = 20;
  private static final int MESSAGES_PER_CONNECTION = 50;

  private static TestNode node;
  private static final AtomicInteger received = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(Files.createTempDirectory("router-slow"), Map.of(
        "router.integrations.bulkhead.max-concurrent-calls", MAX_CONCURRENT,
        "router.connection.max-in-flight", MAX_IN_FLIGHT));
    ActorRef<HostActorIntegration.Request> silent = node.system.systemActorOf(
        Behaviors.receiveMessage(request -> {
          received.incrementAndGet();
          return Behaviors.same();
        }), "never-answers", Props.empty());
    HostActors.register(node.system, "stuck", silent);
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  @Test
  void aBackendThatNeverAnswersHoldsBoundedWorkAndSlowsNoOtherRoute() throws Exception {
    String apiId = node.sdk.createApi(b -> b.name("slow").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    String stuck = node.sdk.createIntegration(b -> b.apiId(apiId).integrationType("AWS_PROXY")
        .integrationUri("arn:aws:apigateway:us-east-1:actor:path/stuck")).integrationId();
    String mock = node.sdk.createIntegration(b -> b.apiId(apiId).integrationType("MOCK")
        .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}"))).integrationId();
    node.sdk.createIntegrationResponse(b -> b.apiId(apiId).integrationId(mock).integrationResponseKey("$default")
        .responseTemplates(Map.of("$default", "fast")));
    node.sdk.createRoute(b -> b.apiId(apiId).routeKey("slow").target("integrations/" + stuck));
    String fastRoute = node.sdk.createRoute(b -> b.apiId(apiId).routeKey("fast")
        .routeResponseSelectionExpression("$default").target("integrations/" + mock)).routeId();
    node.sdk.createRouteResponse(b -> b.apiId(apiId).routeId(fastRoute).routeResponseKey("$default"));
    node.sdk.createStage(b -> b.apiId(apiId).stageName("dev").autoDeploy(true));

    List<WsClient> slow = new ArrayList<>();
    try {
      for (int c = 0; c < CONNECTIONS; c++) {
        WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"));
        slow.add(client);
        for (int m = 0; m < MESSAGES_PER_CONNECTION; m++) client.send("{\"action\":\"slow\",\"m\":" + m + "}");
      }
      int bound = CONNECTIONS * MAX_IN_FLIGHT - MAX_CONCURRENT;
      awaitTrue(() -> node.node.engine().bulkheads().waiting() == bound,
          "every connection's in-flight slots are taken: " + node.node.engine().bulkheads().waiting());

      try (WsClient fast = WsClient.connect(node.wsUrl(apiId, "dev"))) {
        for (int i = 0; i < 50; i++) {
          fast.send("{\"action\":\"fast\"}");
          assertEquals("fast", fast.next());
        }
      }

      assertEquals(MAX_CONCURRENT, received.get(), "the backend never sees more than the bulkhead's calls");
      assertEquals(MAX_CONCURRENT, node.node.engine().bulkheads().running());
      assertEquals(bound, node.node.engine().bulkheads().waiting(),
          "what the clients sent beyond their in-flight slots stays in their sockets, not in the node");
    } finally {
      slow.forEach(WsClient::close);
    }
  }

  private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("Timed out waiting: " + what);
      Thread.sleep(20);
    }
    assertTrue(condition.getAsBoolean());
  }
}
