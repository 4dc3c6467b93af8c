package router.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/**
 * timeoutInMillis on a real HTTP backend that answers too late: the client gets API Gateway's timeout frame at the
 * deadline (never before), the late answer never reaches it, and the backend sees its request's connection end.
 */
class HttpDeadlineTest {
  /** How long after the deadline the backend answers. */
  private static final long LATE_MILLIS = 1500;

  @TempDir static Path dataDir;
  static TestNode node;
  static HttpBackendServer backend;

  @BeforeAll
  static void start() {
    backend = new HttpBackendServer()
        .answer("/fast", 200, "\"fast\"")
        .on("/slow", r -> {
          long deadline = Long.parseLong(r.query().replace("deadline=", ""));
          return CompletableFuture.supplyAsync(() -> HttpBackendServer.json(200, "\"late answer\""),
              CompletableFuture.delayedExecutor(deadline + LATE_MILLIS, TimeUnit.MILLISECONDS));
        });
    node = TestNode.start(dataDir);
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
    backend.close();
  }

  @ParameterizedTest(name = "timeoutInMillis = {0}")
  @ValueSource(ints = {50, 2000})
  void timeoutFrameArrivesAtTheDeadlineAndTheBackendRequestIsCancelled(int timeoutMillis) throws Exception {
    String apiId = node.sdk.createApi(b -> b.name("deadline").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    for (String path : new String[] {"fast", "slow"}) {
      String integrationId = node.sdk.createIntegration(b -> b.apiId(apiId).integrationType("HTTP_PROXY")
          .integrationMethod("POST").timeoutInMillis(timeoutMillis)
          .integrationUri(backend.url("/" + path + "?deadline=" + timeoutMillis))).integrationId();
      String routeId = node.sdk.createRoute(b -> b.apiId(apiId).routeKey(path).routeResponseSelectionExpression("$default")
          .target("integrations/" + integrationId)).routeId();
      node.sdk.createRouteResponse(b -> b.apiId(apiId).routeId(routeId).routeResponseKey("$default"));
    }
    node.sdk.createStage(b -> b.apiId(apiId).stageName("dev").autoDeploy(true));

    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"))) {
      // first calls open a connection to the backend (and warm the JVM), so the slow call below is on a warm one;
      // at 50 ms the very first calls may time out themselves
      String warm = null;
      for (int i = 0; i < 20 && !"\"fast\"".equals(warm); i++) {
        client.send("{\"action\":\"fast\"}");
        warm = client.next();
      }
      assertEquals("\"fast\"", warm);
      backend.drain();

      long sent = System.nanoTime();
      client.send("{\"action\":\"slow\"}");
      String frame = client.next();
      long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
      assertTrue(frame.startsWith("{\"message\": \"Endpoint request timed out\", \"connectionId\":\""), frame);
      assertTrue(elapsedMillis >= timeoutMillis, "timeout frame after " + elapsedMillis + " ms");

      HttpBackendServer.Received request = backend.next();
      assertEquals("/slow", request.path());
      long ended = request.connectionEnded().get(10, TimeUnit.SECONDS);
      long lateAnswerAt = request.arrivedNanos() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis + LATE_MILLIS);
      assertTrue(ended < lateAnswerAt, "the backend saw the connection end before it answered");

      assertNull(client.poll(Duration.ofMillis(timeoutMillis + LATE_MILLIS + 500)), "the late answer is dropped");
      // the connection keeps working
      client.send("{\"action\":\"fast\"}");
      assertEquals("\"fast\"", client.next());
    }
  }

  @Test
  void connectThatTimesOutRefusesTheHandshakeWith504() throws Exception {
    int timeoutMillis = 200;
    String apiId = node.sdk.createApi(b -> b.name("deadline").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    String integrationId = node.sdk.createIntegration(b -> b.apiId(apiId).integrationType("HTTP")
        .integrationMethod("POST").timeoutInMillis(timeoutMillis)
        .integrationUri(backend.url("/slow?deadline=" + timeoutMillis))).integrationId();
    node.sdk.createRoute(b -> b.apiId(apiId).routeKey("$connect").target("integrations/" + integrationId));
    node.sdk.createStage(b -> b.apiId(apiId).stageName("dev").autoDeploy(true));
    backend.drain();

    assertEquals(504, WsClient.refusedStatus(node.wsUrl(apiId, "dev")));
  }
}
