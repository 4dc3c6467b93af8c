package router.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import router.integration.EventContext;
import router.integration.actor.HostActorIntegration;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/**
 * Routes served by actors of the host application: registered with the Receptionist, named by an AWS_PROXY
 * integration URI {@code arn:aws:apigateway:{region}:actor:path/{name}}, created with the AWS SDK like any other.
 */
class HostActorIntegrationTest {
  private static TestNode node;
  private static final BlockingQueue<EventContext> events = new LinkedBlockingQueue<>();

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(Files.createTempDirectory("router-actor"));
    register("echo", Behaviors.receiveMessage(request -> {
      events.add(request.event());
      EventContext event = request.event();
      if (EventContext.CONNECT.equals(event.eventType())) {
        request.replyTo().tell(event.queryString().containsKey("deny")
            ? new HostActorIntegration.Response(401, Map.of(), "")
            : new HostActorIntegration.Response(200, Map.of(), ""));
      } else {
        request.replyTo().tell(HostActorIntegration.Response.ok(
            event.routeKey() + ":" + event.body() + ":" + event.connectionId().length()));
      }
      return Behaviors.same();
    }));
    register("silent", Behaviors.receiveMessage(request -> Behaviors.same()));
  }

  private static void register(String name, Behavior<HostActorIntegration.Request> behavior) throws Exception {
    ActorRef<HostActorIntegration.Request> actor = node.system.systemActorOf(behavior, "host-" + name,
        org.apache.pekko.actor.typed.Props.empty());
    HostActors.register(node.system, name, actor);
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  private static String api(String actor, int timeoutMillis, boolean withConnect) {
    String apiId = node.sdk.createApi(b -> b.name("actors").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    String integrationId = node.sdk.createIntegration(b -> b.apiId(apiId).integrationType("AWS_PROXY")
        .integrationUri("arn:aws:apigateway:us-east-1:actor:path/" + actor).timeoutInMillis(timeoutMillis))
        .integrationId();
    String routeId = node.sdk.createRoute(b -> b.apiId(apiId).routeKey("$default")
        .routeResponseSelectionExpression("$default").target("integrations/" + integrationId)).routeId();
    node.sdk.createRouteResponse(b -> b.apiId(apiId).routeId(routeId).routeResponseKey("$default"));
    if (withConnect) {
      node.sdk.createRoute(b -> b.apiId(apiId).routeKey("$connect").target("integrations/" + integrationId));
    }
    node.sdk.createStage(b -> b.apiId(apiId).stageName("dev").autoDeploy(true));
    return apiId;
  }

  @Test
  void anActorOfTheHostAnswersMessagesWithTheLambdaProxyEvent() throws Exception {
    String apiId = api("echo", 29000, false);
    events.clear();
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"))) {
      client.send("{\"action\":\"hello\"}");
      assertEquals("$default:{\"action\":\"hello\"}:16", client.next());
    }
    EventContext event = events.poll(10, TimeUnit.SECONDS);
    assertEquals(EventContext.MESSAGE, event.eventType());
    assertEquals(apiId, event.apiId());
    assertEquals("dev", event.stage());
    assertEquals(16, event.messageId().length());
  }

  @Test
  void anActorRefusingConnectRefusesTheHandshakeWithItsStatus() {
    String apiId = api("echo", 29000, true);
    assertEquals(401, WsClient.refusedStatus(node.wsUrl(apiId, "dev") + "?deny=1"));
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "dev") + "?room=1")) {
      client.send("{\"action\":\"x\"}");
      assertTrue(client.next().startsWith("$default:"));
    }
  }

  @Test
  void anActorThatDoesNotAnswerTimesOutAtTheIntegrationTimeout() {
    String apiId = api("silent", 100, false);
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"))) {
      client.send("{\"action\":\"x\"}");
      assertTrue(client.next().startsWith("{\"message\": \"Endpoint request timed out\""));
    }
  }

  @Test
  void aRouteToAnUnregisteredActorAnswersInternalServerError() {
    String apiId = api("nobody", 29000, false);
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"))) {
      client.send("{\"action\":\"x\"}");
      assertTrue(client.next().startsWith("{\"message\": \"Internal server error\""));
    }
  }
}
