package router.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import com.typesafe.config.ConfigFactory;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import router.embed.Router;
import router.errors.GoneException;
import router.integration.actor.HostActorIntegration;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/**
 * Router embedded through {@code router.embed.Router} alone — no RouterNode, no Main: the host's own server mounts
 * the route values beside its own endpoint and gets what a standalone node gives (the 128 KB limit, the Forbidden
 * and timeout frames), and the host's code reaches connections through the Java {@code @connections} API.
 */
class EmbeddedRoutesTest {
  private static final int LIMIT = 128 * 1024;

  @TempDir static Path dataDir;
  static EmbeddedHost host;
  static String apiId;

  @BeforeAll
  static void start() throws Exception {
    host = EmbeddedHost.start(dataDir, List.of(), false, null);
    HostActors.register(host.system, "whoami", Behaviors.receiveMessage(request -> {
      request.replyTo().tell(HostActorIntegration.Response.ok(request.event().connectionId()));
      return Behaviors.same();
    }));
    HostActors.register(host.system, "silent", Behaviors.receiveMessage(request -> Behaviors.same()));
    apiId = api(host.sdk);
  }

  @AfterAll
  static void stop() throws Exception {
    host.close();
  }

  /** Two-way routes {@code whoami} (answers the connection id), {@code never} (50 ms, no answer); no $default. */
  private static String api(ApiGatewayV2Client sdk) {
    String id = sdk.createApi(b -> b.name("embedded").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    actorRoute(sdk, id, "whoami", "whoami", 29000);
    actorRoute(sdk, id, "never", "silent", 50);
    sdk.createStage(b -> b.apiId(id).stageName("dev").autoDeploy(true));
    return id;
  }

  private static void actorRoute(ApiGatewayV2Client sdk, String id, String key, String actor, int timeoutMillis) {
    String integrationId = sdk.createIntegration(b -> b.apiId(id).integrationType("AWS_PROXY")
        .integrationUri("arn:aws:apigateway:us-east-1:actor:path/" + actor).timeoutInMillis(timeoutMillis))
        .integrationId();
    String routeId = sdk.createRoute(b -> b.apiId(id).routeKey(key).routeResponseSelectionExpression("$default")
        .target("integrations/" + integrationId)).routeId();
    sdk.createRouteResponse(b -> b.apiId(id).routeId(routeId).routeResponseKey("$default"));
  }

  private static String jsonOfSize(int size) {
    String head = "{\"action\":\"whoami\",\"pad\":\"";
    String tail = "\"}";
    return head + "x".repeat(size - head.length() - tail.length()) + tail;
  }

  @Test
  void servesTheHostsOwnEndpointBesideTheRouterRoutes() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(host.url("/hello"))).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode());
    assertEquals("hello from the host", response.body());
    assertTrue(host.sdk.getApi(b -> b.apiId(apiId)).apiEndpoint().endsWith("/ws/" + apiId),
        "apiEndpoint names where the host mounts the execute-api route");
  }

  @Test
  void acceptsAMessageOfExactly128KiB() {
    try (WsClient client = WsClient.connect(host.wsUrl(apiId, "dev"))) {
      client.send(jsonOfSize(LIMIT));
      assertEquals(16, client.next().length());
    }
  }

  @Test
  void closesWith1009WhenAMessageExceeds128KiB() {
    try (WsClient client = WsClient.connect(host.wsUrl(apiId, "dev"))) {
      client.send(jsonOfSize(LIMIT + 1));
      assertEquals(1009, client.awaitClose().code());
    }
  }

  @Test
  void answersForbiddenWhenNoRouteMatches() {
    try (WsClient client = WsClient.connect(host.wsUrl(apiId, "dev"))) {
      client.send("{\"action\":\"nothing-here\"}");
      assertTrue(client.next().matches("\\{\"message\": \"Forbidden\", \"connectionId\":\"[A-Za-z0-9_-]{15}=\","
          + " \"requestId\":\"[A-Za-z0-9_-]{15}=\"}"));
    }
  }

  @Test
  void answersEndpointRequestTimedOutWhenTheHostActorDoesNotAnswerInTime() {
    try (WsClient client = WsClient.connect(host.wsUrl(apiId, "dev"))) {
      client.send("{\"action\":\"never\"}");
      String frame = client.next();
      assertTrue(frame.matches("\\{\"message\": \"Endpoint request timed out\","
          + " \"connectionId\":\"[A-Za-z0-9_-]{15}=\","
          + " \"requestId\":\"[A-Za-z0-9_-]{15}=\"}"), frame);
    }
  }

  @Test
  void refusesTheUpgradeOfAStageThatIsNotDeployedWith403() {
    assertEquals(403, WsClient.refusedStatus(host.wsUrl(apiId, "prod")));
  }

  @Test
  void theJavaApiPostsDescribesAndClosesAConnectionById() throws Exception {
    try (WsClient client = WsClient.connect(host.wsUrl(apiId, "dev"))) {
      String connectionId = client.send("{\"action\":\"whoami\"}").next();
      host.router.connections().post(connectionId, "pushed by the host")
          .toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertEquals("pushed by the host", client.next());
      assertEquals(connectionId,
          host.router.connections().describe(connectionId).toCompletableFuture().get(10, TimeUnit.SECONDS)
              .connectionId());
      host.router.connections().close(connectionId).toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertEquals(1000, client.awaitClose().code());
      ExecutionException gone = assertThrows(ExecutionException.class, () -> host.router.connections()
          .post(connectionId, "too late").toCompletableFuture().get(10, TimeUnit.SECONDS));
      assertInstanceOf(GoneException.class, gone.getCause());
      assertEquals(410, ((GoneException) gone.getCause()).httpStatus());
    }
  }

  @Test
  void theConnectionsHttpApiAnswersUnderTheHostsPrefix() throws Exception {
    try (WsClient client = WsClient.connect(host.wsUrl(apiId, "dev"))) {
      String connectionId = client.send("{\"action\":\"whoami\"}").next();
      HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create(host.url("/ws/" + apiId + "/dev/@connections/" + connectionId)))
          .POST(HttpRequest.BodyPublishers.ofString("over HTTP")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, posted.statusCode());
      assertEquals("over HTTP", client.next());
    }
  }

  @Test
  void refusesToStartOnASystemNotCreatedWithRouterConfig() throws Exception {
    ActorSystem<Void> bare = ActorSystem.create(Behaviors.empty(), "bare", ConfigFactory.parseMap(Map.of(
        "pekko.actor.provider", "cluster",
        "pekko.remote.artery.canonical.hostname", "127.0.0.1",
        "pekko.remote.artery.canonical.port", 0,
        "pekko.cluster.jmx.multi-mbeans-in-same-jvm", "on",
        "pekko.loglevel", "ERROR")).withFallback(ConfigFactory.load()));
    try {
      IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Router.get(bare));
      assertTrue(refused.getMessage().contains("Router.config"), refused.getMessage());
    } finally {
      bare.terminate();
      bare.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void everyNodeRunsRouterWhenNoRoleIsConfigured() {
    assertTrue(host.router.runsHere());
    assertFalse(host.router.engine().stages().handle(apiId, "dev") == null);
  }
}
