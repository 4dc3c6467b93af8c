package router.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import router.tests.FakeLambda.Reply;
import software.amazon.awssdk.services.apigatewayv2.model.CreateIntegrationRequest;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/**
 * Lambda integrations end to end: a node whose Lambda client (the AWS SDK's, through
 * {@code router.integrations.lambda.endpoint}) calls a server of the Invoke API started by the test, real
 * WebSocket clients, APIs created with the apigatewayv2 SDK.
 */
class LambdaIntegrationTest {
  private static final String STAGE = "test";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ERROR_FRAME =
      "\\{\"message\": \"%s\", \"connectionId\":\"[A-Za-z0-9_-]{15}=\", \"requestId\":\"[A-Za-z0-9_-]{15}=\"}";
  private static final List<String> MESSAGE_CONTEXT = List.of("routeKey", "messageId", "eventType",
      "extendedRequestId", "requestTime", "messageDirection", "stage", "connectedAt", "requestTimeEpoch", "identity",
      "requestId", "domainName", "connectionId", "apiId");
  private static final List<String> CONNECT_CONTEXT = List.of("routeKey", "eventType", "extendedRequestId",
      "requestTime", "messageDirection", "stage", "connectedAt", "requestTimeEpoch", "identity", "requestId",
      "domainName", "connectionId", "apiId");
  private static final List<String> DISCONNECT_CONTEXT = List.of("routeKey", "disconnectStatusCode", "eventType",
      "extendedRequestId", "requestTime", "messageDirection", "disconnectReason", "stage", "connectedAt",
      "requestTimeEpoch", "identity", "requestId", "domainName", "connectionId", "apiId");

  @TempDir static Path dataDir;
  static FakeLambda lambda;
  static TestNode node;

  @BeforeAll
  static void start() throws Exception {
    lambda = FakeLambda.start();
    node = TestNode.start(dataDir, Map.of(
        "router.integrations.lambda.endpoint", lambda.endpoint(),
        "router.integrations.lambda.credentials.access-key-id", "AKIDTEST",
        "router.integrations.lambda.credentials.secret-access-key", "secret"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) node.close();
    if (lambda != null) lambda.close();
  }

  private static String uri(String function) {
    return "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/" + function + "/invocations";
  }

  private static String newApi() {
    return node.sdk.createApi(b -> b.name("lambda").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
  }

  private static String integration(String apiId, String type, String function,
      Consumer<CreateIntegrationRequest.Builder> more) {
    return node.sdk.createIntegration(b -> {
      b.apiId(apiId).integrationType(type).integrationUri(uri(function)).integrationMethod("POST");
      more.accept(b);
    }).integrationId();
  }

  private static String proxy(String apiId, String function) {
    return integration(apiId, "AWS_PROXY", function, b -> { });
  }

  /** A route to {@code integrationId}; two-way routes get a $default route response. */
  private static void route(String apiId, String key, String integrationId, boolean twoWay) {
    String routeId = node.sdk.createRoute(b -> {
      b.apiId(apiId).routeKey(key).target("integrations/" + integrationId);
      if (twoWay) b.routeResponseSelectionExpression("$default");
    }).routeId();
    if (twoWay) node.sdk.createRouteResponse(b -> b.apiId(apiId).routeId(routeId).routeResponseKey("$default"));
  }

  private static String deploy(String apiId) {
    String deploymentId = node.sdk.createDeployment(b -> b.apiId(apiId)).deploymentId();
    node.sdk.createStage(b -> b.apiId(apiId).stageName(STAGE).deploymentId(deploymentId));
    return node.wsUrl(apiId, STAGE);
  }

  private static String header(JsonNode headers, String name) {
    for (String field : fields(headers)) {
      if (field.equalsIgnoreCase(name)) return headers.get(field).asText();
    }
    return null;
  }

  private static List<String> fields(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void proxyMessageSendsTheDocumentedEventAndTheBodyComesBack() throws Exception {
    lambda.function("Echo", call -> Reply.ok("{\"statusCode\":200,\"headers\":{\"X-A\":\"1\"},\"body\":\"pong\"}"));
    String apiId = newApi();
    route(apiId, "ping", proxy(apiId, "Echo"), true);
    String url = deploy(apiId);
    try (WsClient client = WsClient.connect(url)) {
      client.send("{\"action\":\"ping\",\"n\":1}");
      assertEquals("pong", client.next());
    }
    FakeLambda.Invocation call = lambda.next("Echo");
    assertEquals("Echo", call.functionName());
    assertNull(call.qualifier());
    assertTrue(call.authorization().contains("Credential=AKIDTEST/") && call.authorization().contains(
        "/us-east-1/lambda/aws4_request"), call.authorization());
    JsonNode event = JSON.readTree(call.payload());
    assertEquals(List.of("requestContext", "body", "isBase64Encoded"), fields(event));
    assertEquals("{\"action\":\"ping\",\"n\":1}", event.get("body").asText());
    assertFalse(event.get("isBase64Encoded").asBoolean());
    JsonNode context = event.get("requestContext");
    assertEquals(MESSAGE_CONTEXT, fields(context));
    assertEquals("ping", context.get("routeKey").asText());
    assertEquals("MESSAGE", context.get("eventType").asText());
    assertEquals("IN", context.get("messageDirection").asText());
    assertEquals(STAGE, context.get("stage").asText());
    assertEquals(apiId, context.get("apiId").asText());
    assertEquals("127.0.0.1", context.get("identity").get("sourceIp").asText());
    assertEquals(context.get("requestId").asText(), context.get("extendedRequestId").asText());
    assertTrue(context.get("requestTime").asText().matches("\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000"),
        context.get("requestTime").asText());
    assertTrue(context.get("requestTimeEpoch").asLong() >= context.get("connectedAt").asLong());
  }

  @Test
  void connectAndDisconnectEventsHaveTheDocumentedFields() throws Exception {
    lambda.function("OnConnect", call -> Reply.ok("{\"statusCode\":200}"));
    lambda.function("OnDisconnect", call -> Reply.ok("{\"statusCode\":200}"));
    String apiId = newApi();
    route(apiId, "$connect", proxy(apiId, "OnConnect"), false);
    route(apiId, "$disconnect", proxy(apiId, "OnDisconnect"), false);
    String url = deploy(apiId);
    String connectionId;
    try (WsClient client = WsClient.connect(url + "?token=abc&tag=x&tag=y")) {
      JsonNode connect = JSON.readTree(lambda.next("OnConnect").payload());
      assertEquals(List.of("headers", "multiValueHeaders", "queryStringParameters", "multiValueQueryStringParameters",
          "requestContext", "isBase64Encoded"), fields(connect));
      assertEquals("abc", connect.get("queryStringParameters").get("token").asText());
      assertEquals("y", connect.get("queryStringParameters").get("tag").asText());
      assertEquals("[\"x\",\"y\"]", connect.get("multiValueQueryStringParameters").get("tag").toString());
      assertTrue(header(connect.get("headers"), "Sec-WebSocket-Key") != null, connect.get("headers").toString());
      JsonNode context = connect.get("requestContext");
      assertEquals(CONNECT_CONTEXT, fields(context));
      assertEquals("$connect", context.get("routeKey").asText());
      assertEquals("CONNECT", context.get("eventType").asText());
      connectionId = context.get("connectionId").asText();
    }
    JsonNode disconnect = JSON.readTree(lambda.next("OnDisconnect").payload());
    assertEquals(List.of("headers", "multiValueHeaders", "requestContext", "isBase64Encoded"), fields(disconnect));
    assertEquals(List.of("Host", "x-api-key", "X-Forwarded-For", "x-restapi"), fields(disconnect.get("headers")));
    JsonNode context = disconnect.get("requestContext");
    assertEquals(DISCONNECT_CONTEXT, fields(context));
    assertEquals("$disconnect", context.get("routeKey").asText());
    assertEquals("DISCONNECT", context.get("eventType").asText());
    assertEquals(connectionId, context.get("connectionId").asText());
  }

  @Test
  void connectFunctionAnswering401RefusesTheHandshakeWith401() {
    lambda.function("Deny", call -> Reply.ok("{\"statusCode\":401,\"body\":\"no\"}"));
    String apiId = newApi();
    route(apiId, "$connect", proxy(apiId, "Deny"), false);
    assertEquals(401, WsClient.refusedStatus(deploy(apiId)));
  }

  @Test
  void connectFunctionErrorRefusesTheHandshakeProxyOrNot() {
    lambda.function("Crash", call -> Reply.functionError("crashed"));
    String proxyApi = newApi();
    route(proxyApi, "$connect", proxy(proxyApi, "Crash"), false);
    assertEquals(500, WsClient.refusedStatus(deploy(proxyApi)));
    String customApi = newApi();
    String integrationId = integration(customApi, "AWS", "Crash", b -> { });
    node.sdk.createIntegrationResponse(b -> b.apiId(customApi).integrationId(integrationId)
        .integrationResponseKey("$default"));
    route(customApi, "$connect", integrationId, false);
    assertEquals(500, WsClient.refusedStatus(deploy(customApi)));
  }

  @Test
  void subprotocolChosenByTheConnectFunctionReachesTheClient() throws Exception {
    lambda.function("Negotiate", call -> Reply.ok(
        "{\"statusCode\":200,\"headers\":{\"Sec-WebSocket-Protocol\":\"chat\"}}"));
    String apiId = newApi();
    route(apiId, "$connect", proxy(apiId, "Negotiate"), false);
    String url = deploy(apiId);
    WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("chat", "superchat")
        .buildAsync(URI.create(url), new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS);
    try {
      assertEquals("chat", socket.getSubprotocol());
    } finally {
      socket.abort();
    }
    JsonNode connect = JSON.readTree(lambda.next("Negotiate").payload());
    assertEquals("chat, superchat", header(connect.get("headers"), "Sec-WebSocket-Protocol"), connect.toString());
  }

  @Test
  void functionGivenByNameVersionAliasOrCrossAccountArnIsInvokedSo() throws Exception {
    lambda.function("Named", call -> Reply.ok("{\"statusCode\":200,\"body\":\"named\"}"));
    lambda.function("Versioned", call -> Reply.ok("{\"statusCode\":200,\"body\":\"versioned\"}"));
    lambda.function("Aliased", call -> Reply.ok("{\"statusCode\":200,\"body\":\"aliased\"}"));
    lambda.function("Shared", call -> Reply.ok("{\"statusCode\":200,\"body\":\"shared\"}"));
    String apiId = newApi();
    route(apiId, "named", proxy(apiId, "Named"), true);
    route(apiId, "versioned", proxy(apiId, "Versioned:1"), true);
    route(apiId, "aliased", proxy(apiId, "Aliased:alpha"), true);
    route(apiId, "shared", proxy(apiId, "arn:aws:lambda:eu-west-1:210987654321:function:Shared:beta"), true);
    String url = deploy(apiId);
    try (WsClient client = WsClient.connect(url)) {
      for (String action : List.of("named", "versioned", "aliased", "shared")) {
        client.send("{\"action\":\"" + action + "\"}");
        assertEquals(action, client.next());
      }
    }
    FakeLambda.Invocation named = lambda.next("Named");
    assertEquals("Named", named.functionName());
    assertNull(named.qualifier());
    FakeLambda.Invocation versioned = lambda.next("Versioned");
    assertEquals("Versioned", versioned.functionName());
    assertEquals("1", versioned.qualifier());
    FakeLambda.Invocation aliased = lambda.next("Aliased");
    assertEquals("Aliased", aliased.functionName());
    assertEquals("alpha", aliased.qualifier());
    FakeLambda.Invocation shared = lambda.next("Shared");
    assertEquals("arn:aws:lambda:eu-west-1:210987654321:function:Shared", shared.functionName());
    assertEquals("beta", shared.qualifier());
    // signed for the function's own region
    assertTrue(shared.authorization().contains("/eu-west-1/lambda/aws4_request"), shared.authorization());
  }

  @Test
  void nonProxySendsTheRenderedTemplateAndSelectsResponsesByErrorMessage() throws Exception {
    lambda.function("Greeter", call -> call.payload().contains("\"name\":\"\"")
        ? Reply.functionError("Invalid name") : Reply.ok("{\"greeting\":\"hello\"}"));
    String apiId = newApi();
    String integrationId = integration(apiId, "AWS", "Greeter", b -> b.requestTemplates(Map.of(
        "$default", "{\"name\":\"$input.path('$.name')\",\"route\":\"$context.routeKey\"}")));
    node.sdk.createIntegrationResponse(b -> b.apiId(apiId).integrationId(integrationId)
        .integrationResponseKey("$default"));
    node.sdk.createIntegrationResponse(b -> b.apiId(apiId).integrationId(integrationId)
        .integrationResponseKey("/Invalid.*/")
        .responseTemplates(Map.of("$default", "{\"error\":\"$input.path('$.errorMessage')\"}")));
    route(apiId, "greet", integrationId, true);
    String url = deploy(apiId);
    try (WsClient client = WsClient.connect(url)) {
      client.send("{\"action\":\"greet\",\"name\":\"Ann\"}");
      assertEquals("{\"greeting\":\"hello\"}", client.next());
      client.send("{\"action\":\"greet\",\"name\":\"\"}");
      assertEquals("{\"error\":\"Invalid name\"}", client.next());
    }
    assertEquals("{\"name\":\"Ann\",\"route\":\"greet\"}", lambda.next("Greeter").payload());
    assertEquals("{\"name\":\"\",\"route\":\"greet\"}", lambda.next("Greeter").payload());
  }

  @Test
  void functionErrorThrottleOrMalformedAnswerGivesInternalServerError() {
    lambda.function("Broken", call -> Reply.functionError("boom"));
    lambda.function("Busy", call -> Reply.throttled());
    lambda.function("Odd", call -> Reply.ok("\"just a string\""));
    String apiId = newApi();
    route(apiId, "broken", proxy(apiId, "Broken"), true);
    route(apiId, "busy", proxy(apiId, "Busy"), true);
    route(apiId, "odd", proxy(apiId, "Odd"), true);
    route(apiId, "missing", proxy(apiId, "Missing"), true);
    String url = deploy(apiId);
    try (WsClient client = WsClient.connect(url)) {
      for (String action : List.of("broken", "busy", "odd", "missing")) {
        client.send("{\"action\":\"" + action + "\"}");
        String reply = client.next();
        assertTrue(reply.matches(String.format(ERROR_FRAME, "Internal server error")), action + ": " + reply);
      }
    }
  }

  @Test
  void deadlineCancelsTheInvocation() throws Exception {
    lambda.function("Slow", call -> Reply.hang());
    String apiId = newApi();
    route(apiId, "slow", integration(apiId, "AWS_PROXY", "Slow", b -> b.timeoutInMillis(500)), true);
    String url = deploy(apiId);
    try (WsClient client = WsClient.connect(url)) {
      client.send("{\"action\":\"slow\"}");
      String reply = client.next();
      assertTrue(reply.matches(String.format(ERROR_FRAME, "Endpoint request timed out")), reply);
      lambda.next("Slow");
      // the SDK call was cancelled: its HTTP request ended before the function answered
      lambda.abandoned("Slow").get(10, TimeUnit.SECONDS);
    }
  }
}
