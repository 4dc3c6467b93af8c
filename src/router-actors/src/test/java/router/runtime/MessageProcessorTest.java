package router.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import router.config.ApiConfig;
import router.deploy.DeployedStage;
import router.deploy.DeploymentCompiler;
import router.deploy.LiveStages;
import router.deploy.StageEntry;
import router.integration.BackendKind;
import router.integration.IntegrationBackends;
import router.integration.IntegrationException;
import router.integration.IntegrationRequest;
import router.model.Api;
import router.model.Deployment;
import router.model.Integration;
import router.model.IntegrationResponse;
import router.model.Route;
import router.model.RouteResponse;
import router.model.Stage;
import router.template.TemplateEngine;

/**
 * One event through a compiled stage: route selection, request mapping, the integration with its deadline,
 * integration and route responses, and API Gateway's error frames. Stages are built the way a deployment builds
 * them (DeploymentCompiler); backends other than MOCK are stand-ins for remote systems.
 */
class MessageProcessorTest {
  private static final String ERROR = "\\{\"message\": \"%s\", \"connectionId\":\"%s\", \"requestId\":\"[A-Za-z0-9_-]{15}=\"}";
  private static final String CONNECTION_ID = "AAAAAAAAAAAAAAA=";

  private final AtomicReference<IntegrationRequest> lastHttpRequest = new AtomicReference<>();
  private final CompletableFuture<router.integration.IntegrationResult> never = new CompletableFuture<>();
  private final IntegrationBackends backends = IntegrationBackends.standard()
      .with(BackendKind.HTTP, request -> {
        lastHttpRequest.set(request);
        return never;
      })
      .with(BackendKind.AWS_SERVICE,
          request -> CompletableFuture.failedFuture(new IntegrationException("refused")));
  private final MessageProcessor processor = new MessageProcessor(LoggerFactory.getLogger("test"));

  // ---- building a deployed stage ----------------------------------------------------------------------------

  private static final class ApiBuilder {
    private ApiConfig config;

    ApiBuilder(String routeSelectionExpression) {
      config = ApiConfig.of(new Api("api0000001", "test", "WEBSOCKET", routeSelectionExpression, null, null, null,
          null, null, null, Map.of(), Instant.EPOCH, null, null, null));
    }

    ApiBuilder integration(String id, String type, Map<String, String> templates, String templateSelection,
        String passthrough) {
      config = config.withIntegration(new Integration(id, type, type.equals("MOCK") ? null : "POST",
          type.equals("MOCK") ? null : "http://backend.test/x", "INTERNET", null, null, passthrough, templates,
          templateSelection, null, null, null, 50, "${response.statuscode}", "1.0", null, null, null, null));
      return this;
    }

    ApiBuilder mock(String id, String requestTemplate) {
      return integration(id, "MOCK", requestTemplate == null ? Map.of()
          : Map.of("application/json", requestTemplate), null, "WHEN_NO_MATCH");
    }

    ApiBuilder response(String integrationId, String key, Map<String, String> templates, String selection) {
      config = config.withIntegrationResponse(integrationId,
          new IntegrationResponse(integrationId + key.hashCode(), key, templates, selection, null, null));
      return this;
    }

    ApiBuilder binaryResponse(String integrationId, String template) {
      config = config.withIntegrationResponse(integrationId, new IntegrationResponse(integrationId + "bin", "$default",
          Map.of("$default", template), null, "CONVERT_TO_BINARY", null));
      return this;
    }

    ApiBuilder route(String key, String integrationId, boolean twoWay) {
      String routeId = "r" + Math.abs(key.hashCode());
      config = config.withRoute(new Route(routeId, key, integrationId == null ? null : "integrations/" + integrationId,
          twoWay ? "$default" : null, false, "NONE", null, null, null, null, null, null, null));
      if (twoWay) config = config.withRouteResponse(routeId, new RouteResponse("rr" + routeId, "$default", null, null, null));
      return this;
    }

    ConnectionInfo connect(IntegrationBackends backends, Map<String, String> stageVariables) {
      LiveStages live = new LiveStages(new DeploymentCompiler(new TemplateEngine(), backends));
      Stage stage = new Stage("dev", "dep001", null, false, stageVariables, null, Map.of(), null, null, Map.of(),
          Instant.EPOCH, Instant.EPOCH, null, null);
      DeployedStage deployed = new DeployedStage("api0000001", stage,
          new Deployment("dep001", null, Instant.EPOCH, "DEPLOYED", null, false), config, 1);
      live.apply(deployed.key(), new StageEntry(1, deployed));
      return new ConnectionInfo(CONNECTION_ID, "api0000001", "dev", live.handle("api0000001", "dev"),
          1_700_000_000_000L, "127.0.0.1", "junit", "localhost", Map.of("x-tenant", "t1"), Map.of(),
          Map.of("room", "r1"), Map.of());
    }

    ConnectionInfo connect(IntegrationBackends backends) {
      return connect(backends, Map.of());
    }
  }

  private ServerMessage send(ConnectionInfo connection, String text) {
    return processor.onMessage(connection, new ClientMessage.Text(text)).toCompletableFuture()
        .orTimeout(10, TimeUnit.SECONDS).join();
  }

  private static String text(ServerMessage message) {
    return assertInstanceOf(ServerMessage.Text.class, message).text();
  }

  private static void assertError(String message, ServerMessage frame) {
    String text = text(frame);
    assertTrue(text.matches(String.format(ERROR, Pattern.quote(message), Pattern.quote(CONNECTION_ID))), text);
  }

  private static ApiBuilder echoApi() {
    return new ApiBuilder("$request.body.action")
        .mock("i1", "{\"statusCode\":200}")
        .response("i1", "$default", Map.of("$default", "$context.routeKey"), null)
        .route("join", "i1", true)
        .route("$default", "i1", true);
  }

  // ---- route selection --------------------------------------------------------------------------------------

  @Test
  void routesByTheEvaluatedRouteKey() {
    ConnectionInfo connection = echoApi().connect(backends);
    assertEquals("join", text(send(connection, "{\"service\":\"chat\",\"action\":\"join\"}")));
  }

  @Test
  void fallsBackToDefaultRouteWhenNoKeyMatches() {
    assertEquals("$default", text(send(echoApi().connect(backends), "{\"action\":\"leave\"}")));
  }

  @Test
  void routesNonJsonAndEmptyMessagesToDefault() {
    ConnectionInfo connection = echoApi().connect(backends);
    assertEquals("$default", text(send(connection, "hello")));
    assertEquals("$default", text(send(connection, "")));
    assertEquals("$default", text(send(connection, "{\"action\":")));
  }

  @Test
  void answersForbiddenWhenNoRouteMatchesAndThereIsNoDefault() {
    ConnectionInfo connection = new ApiBuilder("$request.body.action").mock("i1", null)
        .route("join", "i1", true).connect(backends);
    assertError("Forbidden", send(connection, "{\"action\":\"leave\"}"));
    assertError("Forbidden", send(connection, "not json"));
  }

  @Test
  void routesByMultipleVariablesWithLiteralText() {
    ConnectionInfo connection = new ApiBuilder("${request.body.service}/${request.body.action}")
        .mock("i1", null).response("i1", "$default", Map.of("$default", "$context.routeKey"), null)
        .route("chat/join", "i1", true).connect(backends);
    assertEquals("chat/join", text(send(connection, "{\"service\":\"chat\",\"action\":\"join\"}")));
  }

  @Test
  void routesNumbersAndBooleansByTheirText() {
    ConnectionInfo connection = new ApiBuilder("$request.body.v").mock("i1", null)
        .response("i1", "$default", Map.of("$default", "$context.routeKey"), null)
        .route("2", "i1", true).route("true", "i1", true).connect(backends);
    assertEquals("2", text(send(connection, "{\"v\":2}")));
    assertEquals("true", text(send(connection, "{\"v\":true}")));
  }

  // ---- request mapping and MOCK -----------------------------------------------------------------------------

  @Test
  void selectsIntegrationResponseByTheMockStatusCode() {
    ConnectionInfo connection = new ApiBuilder("$request.body.action")
        .integration("i1", "MOCK", Map.of("application/json",
            "#if($input.path('$.fail'))\n{\"statusCode\": 500}\n#else\n{\"statusCode\": 200}\n#end"), null,
            "WHEN_NO_MATCH")
        .response("i1", "/2\\d\\d/", Map.of("$default", "ok"), null)
        .response("i1", "/5\\d\\d/", Map.of("$default", "failed"), null)
        .route("go", "i1", true).connect(backends);
    assertEquals("ok", text(send(connection, "{\"action\":\"go\"}")));
    assertEquals("failed", text(send(connection, "{\"action\":\"go\",\"fail\":true}")));
  }

  @Test
  void answersInternalServerErrorWhenNoIntegrationResponseMatches() {
    ConnectionInfo connection = new ApiBuilder("$request.body.action").mock("i1", "{\"statusCode\": 404}")
        .response("i1", "/2\\d\\d/", Map.of("$default", "ok"), null)
        .route("go", "i1", true).connect(backends);
    assertError("Internal server error", send(connection, "{\"action\":\"go\"}"));
  }

  @Test
  void choosesTheRequestTemplateByTemplateSelectionExpressionThenDefault() {
    Map<String, String> templates = new LinkedHashMap<>();
    templates.put("v1", "{\"statusCode\": 201}");
    templates.put("$default", "{\"statusCode\": 202}");
    ConnectionInfo connection = new ApiBuilder("$request.body.action")
        .integration("i1", "MOCK", templates, "${request.body.version}", "NEVER")
        .response("i1", "201", Map.of("$default", "201"), null)
        .response("i1", "202", Map.of("$default", "202"), null)
        .route("go", "i1", true).connect(backends);
    assertEquals("201", text(send(connection, "{\"action\":\"go\",\"version\":\"v1\"}")));
    assertEquals("202", text(send(connection, "{\"action\":\"go\",\"version\":\"v9\"}")));
  }

  @Test
  void usesTheApplicationJsonTemplateWithoutSelectionExpression() {
    Map<String, String> templates = Map.of("application/json", "{\"statusCode\": 203}",
        "$default", "{\"statusCode\": 204}");
    ConnectionInfo connection = new ApiBuilder("$request.body.action")
        .integration("i1", "MOCK", templates, null, "NEVER")
        .response("i1", "/20[34]/", Map.of("203", "was 203", "204", "was 204"), "${integration.response.statuscode}")
        .route("go", "i1", true).connect(backends);
    assertEquals("was 203", text(send(connection, "{\"action\":\"go\"}")));
  }

  @Test
  void passesTheBodyThroughWhenNoTemplateMatchesUnderWhenNoMatch() {
    ConnectionInfo connection = new ApiBuilder("$request.body.action")
        .integration("i1", "HTTP", Map.of("v1", "mapped"), "${request.body.version}", "WHEN_NO_MATCH")
        .route("go", "i1", false).connect(backends);
    processor.onMessage(connection, new ClientMessage.Text("{\"action\":\"go\",\"version\":\"v2\"}"));
    assertEquals("{\"action\":\"go\",\"version\":\"v2\"}", lastHttpRequest.get().body());
    processor.onMessage(connection, new ClientMessage.Text("{\"action\":\"go\",\"version\":\"v1\"}"));
    assertEquals("mapped", lastHttpRequest.get().body());
  }

  @Test
  void refusesUnmatchedBodyUnderNeverAndWhenNoTemplates() {
    for (String passthrough : List.of("NEVER", "WHEN_NO_TEMPLATES")) {
      ConnectionInfo connection = new ApiBuilder("$request.body.action")
          .integration("i1", "MOCK", Map.of("v1", "{\"statusCode\":200}"), "${request.body.version}", passthrough)
          .response("i1", "$default", Map.of("$default", "ok"), null)
          .route("go", "i1", true).connect(backends);
      assertError("Unsupported Media Type", send(connection, "{\"action\":\"go\",\"version\":\"v2\"}"));
      assertEquals("ok", text(send(connection, "{\"action\":\"go\",\"version\":\"v1\"}")), passthrough);
    }
  }

  @Test
  void passesThroughUnderWhenNoTemplatesWhenThereAreNone() {
    ConnectionInfo connection = new ApiBuilder("$request.body.action")
        .integration("i1", "HTTP", Map.of(), null, "WHEN_NO_TEMPLATES").route("go", "i1", false).connect(backends);
    processor.onMessage(connection, new ClientMessage.Text("{\"action\":\"go\"}"));
    assertEquals("{\"action\":\"go\"}", lastHttpRequest.get().body());
  }

  @Test
  void templatesSeeContextStageVariablesAndConnectParameters() {
    ConnectionInfo connection = new ApiBuilder("$request.body.action").mock("i1", null)
        .response("i1", "$default", Map.of("$default",
            "$context.connectionId|$context.eventType|$context.stage|$context.apiId|$stageVariables.color"
                + "|$context.identity.sourceIp|$input.params('room')|$input.params('x-tenant')"), null)
        .route("go", "i1", true).connect(backends, Map.of("color", "blue"));
    assertEquals(CONNECTION_ID + "|MESSAGE|dev|api0000001|blue|127.0.0.1|r1|t1",
        text(send(connection, "{\"action\":\"go\"}")));
  }

  @Test
  void responseTemplatesSeeTheIntegrationsStatusAndEveryWebSocketContextVariable() {
    ConnectionInfo connection = new ApiBuilder("$request.body.action").mock("i1", "{\"statusCode\": 201}")
        .response("i1", "$default", Map.of("$default",
            "$context.status|$context.integration.status|$context.messageDirection|$context.routeKey"
                + "|[$context.identity.caller]|[$context.identity.accountId]|$context.identity.userAgent"
                + "|[$context.authorizer.principalId]|[$context.error.message]|$context.requestTime.length()"
                + "|#if($context.messageId.length() > 0)id#end|$context.connectedAt"), null)
        .route("go", "i1", true).connect(backends);
    assertEquals("201|201|IN|go|[]|[]|junit|[]|[]|26|id|1700000000000", text(send(connection, "{\"action\":\"go\"}")));
  }

  // ---- one-way, failures, deadlines -------------------------------------------------------------------------

  @Test
  void sendsNothingBackOnOneWayRoutes() {
    ConnectionInfo connection = new ApiBuilder("$request.body.action").mock("i1", null)
        .response("i1", "$default", Map.of("$default", "reply"), null).route("go", "i1", false).connect(backends);
    assertSame(MessageProcessor.NOTHING, send(connection, "{\"action\":\"go\"}"));
  }

  @Test
  void answersEndpointRequestTimedOutWhenTheDeadlinePasses() {
    ConnectionInfo connection = new ApiBuilder("$request.body.action")
        .integration("i1", "HTTP", Map.of(), null, "WHEN_NO_MATCH").route("slow", "i1", true).connect(backends);
    assertError("Endpoint request timed out", send(connection, "{\"action\":\"slow\"}"));
  }

  @Test
  void sendsErrorsEvenOnOneWayRoutes() {
    ConnectionInfo connection = new ApiBuilder("$request.body.action")
        .integration("i1", "HTTP", Map.of(), null, "WHEN_NO_MATCH").route("slow", "i1", false)
        .integration("i2", "AWS", Map.of(), null, "WHEN_NO_MATCH").route("broken", "i2", false)
        .connect(backends);
    assertError("Endpoint request timed out", send(connection, "{\"action\":\"slow\"}"));
    assertError("Internal server error", send(connection, "{\"action\":\"broken\"}"));
  }

  @Test
  void answersInternalServerErrorWhenARouteHasNoIntegration() {
    ConnectionInfo connection = new ApiBuilder("$request.body.action").route("go", null, true).connect(backends);
    assertError("Internal server error", send(connection, "{\"action\":\"go\"}"));
  }

  @Test
  void answersInternalServerErrorWhenATemplateFailsAtRender() {
    ConnectionInfo connection = new ApiBuilder("$request.body.action")
        .mock("i1", "#foreach($a in [1..1000])#foreach($b in [1..1000])#foreach($c in [1..1000])x#end#end#end")
        .response("i1", "$default", Map.of("$default", "ok"), null).route("go", "i1", true).connect(backends);
    assertError("Internal server error", send(connection, "{\"action\":\"go\"}"));
  }

  @Test
  void convertToBinaryIntegrationResponsesSendTheDecodedPayloadAsABinaryFrame() {
    ConnectionInfo connection = new ApiBuilder("$request.body.action").mock("i1", "{\"statusCode\": 200}")
        .binaryResponse("i1", "$util.base64Encode($input.json('$'))").route("go", "i1", true).connect(backends);
    // a MOCK answers no body: the response template's JSON of it is ""
    ServerMessage reply = send(connection, "{\"action\":\"go\"}");
    assertEquals("\"\"", assertInstanceOf(ServerMessage.Binary.class, reply).bytes().utf8String());

    ConnectionInfo broken = new ApiBuilder("$request.body.action").mock("i1", "{\"statusCode\": 200}")
        .binaryResponse("i1", "not base64!").route("go", "i1", true).connect(backends);
    assertError("Internal server error", send(broken, "{\"action\":\"go\"}"));
  }

  // ---- binary, connect --------------------------------------------------------------------------------------

  @Test
  void closesWith1003OnBinaryMessages() {
    ServerMessage reply = processor.onMessage(echoApi().connect(backends),
        new ClientMessage.Binary(ByteString.fromArray(new byte[] {1, 2}))).toCompletableFuture().join();
    assertEquals(1003, assertInstanceOf(ServerMessage.Close.class, reply).code());
  }

  @Test
  void acceptsConnectWithoutConnectRouteAndRefusesOnNon2xx() {
    ConnectionInfo open = echoApi().connect(backends);
    assertTrue(processor.onConnect(open).toCompletableFuture().join().accepted());
    ConnectionInfo guarded = new ApiBuilder("$request.body.action")
        .mock("deny", "{\"statusCode\": 401}").route("$connect", "deny", false).connect(backends);
    ConnectOutcome outcome = processor.onConnect(guarded).toCompletableFuture().join();
    assertEquals(false, outcome.accepted());
    assertEquals(401, outcome.statusCode());
  }
}
