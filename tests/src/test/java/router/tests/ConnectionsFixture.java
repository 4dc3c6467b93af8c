package router.tests;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import router.integration.EventContext;
import router.integration.IntegrationBackend;
import router.integration.IntegrationRequest;
import router.integration.IntegrationResult;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/**
 * What the {@code @connections} tests deploy: a {@code whoami} route that tells a client its connection id, and
 * {@code $connect} / {@code $disconnect} routes to an HTTP_PROXY backend ({@link Lifecycle}, the test's stand-in
 * for the user's service) that records them and can hold a {@code $connect} open.
 */
final class ConnectionsFixture {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ConnectionsFixture() {}

  /** Deploys the API to {@code stage} (autoDeploy) and returns its id. */
  static String deployApi(ApiGatewayV2Client sdk, String stage) {
    String apiId = sdk.createApi(b -> b.name("connections").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    String mock = sdk.createIntegration(b -> b.apiId(apiId).integrationType(IntegrationType.MOCK)
        .requestTemplates(Map.of("application/json", "{\"statusCode\":200}"))).integrationId();
    sdk.createIntegrationResponse(b -> b.apiId(apiId).integrationId(mock).integrationResponseKey("$default")
        .responseTemplates(Map.of("$default", "{\"connectionId\":\"$context.connectionId\"}")));
    String whoami = sdk.createRoute(b -> b.apiId(apiId).routeKey("whoami").routeResponseSelectionExpression("$default")
        .target("integrations/" + mock)).routeId();
    sdk.createRouteResponse(b -> b.apiId(apiId).routeId(whoami).routeResponseKey("$default"));
    String lifecycle = sdk.createIntegration(b -> b.apiId(apiId).integrationType(IntegrationType.HTTP_PROXY)
        .integrationMethod("POST").integrationUri("http://backend.invalid/lifecycle")).integrationId();
    sdk.createRoute(b -> b.apiId(apiId).routeKey("$connect").target("integrations/" + lifecycle));
    sdk.createRoute(b -> b.apiId(apiId).routeKey("$disconnect").target("integrations/" + lifecycle));
    sdk.createStage(b -> b.apiId(apiId).stageName(stage).autoDeploy(true));
    return apiId;
  }

  /** The connection id of {@code client}, as the {@code whoami} route tells it. */
  static String connectionId(WsClient client) {
    client.send("{\"action\":\"whoami\"}");
    try {
      return JSON.readTree(client.next()).get("connectionId").asText();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * The backend of the {@code $connect} and {@code $disconnect} routes: records each event; a {@code $connect}
   * whose query string has {@code hold=NAME} is answered only when {@link #release} is called with NAME.
   */
  static final class Lifecycle implements IntegrationBackend {
    /** One {@code $connect} or {@code $disconnect} seen by the backend. */
    record Event(String type, String connectionId, Map<String, List<String>> query) {}

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<IntegrationResult>> held = new ConcurrentHashMap<>();

    @Override
    public CompletionStage<IntegrationResult> invoke(IntegrationRequest request) {
      EventContext event = request.event();
      events.add(new Event(event.eventType(), event.connectionId(), event.queryString()));
      List<String> hold = event.queryString() == null ? null : event.queryString().get("hold");
      if (EventContext.CONNECT.equals(event.eventType()) && hold != null) {
        return held.computeIfAbsent(hold.get(0), name -> new CompletableFuture<>());
      }
      return CompletableFuture.completedFuture(new IntegrationResult(200, Map.of(), ""));
    }

    /** Answers the held {@code $connect} named {@code name} with 200. */
    void release(String name) {
      held.computeIfAbsent(name, n -> new CompletableFuture<>())
          .complete(new IntegrationResult(200, Map.of(), ""));
    }

    /** The next event of this type for this connection id (others are skipped), waiting up to 10 s. */
    Event await(String type, String connectionId) throws InterruptedException {
      return await(event -> event.type().equals(type)
          && (connectionId == null || connectionId.equals(event.connectionId())));
    }

    /** The next event that matches (others are skipped), waiting up to 10 s. */
    Event await(java.util.function.Predicate<Event> wanted) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < deadline) {
        Event event = events.poll(100, TimeUnit.MILLISECONDS);
        if (event != null && wanted.test(event)) return event;
      }
      throw new AssertionError("no such event within 10 s");
    }
  }
}
