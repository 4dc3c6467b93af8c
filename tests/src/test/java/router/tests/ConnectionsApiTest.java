package router.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import router.integration.BackendKind;
import router.integration.EventContext;
import router.integration.IntegrationBackends;

/**
 * The {@code @connections} API over raw HTTP: every status it answers (200, 204, 403, 410, 413), API Gateway's
 * error shapes, the 128 KB bound, binary data, {@code $disconnect} on DELETE, and the host-based URL forms.
 */
class ConnectionsApiTest {
  private static final int MAX_DATA = 128 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dataDir;
  static TestNode node;
  static final ConnectionsFixture.Lifecycle lifecycle = new ConnectionsFixture.Lifecycle();
  static String apiId;

  @BeforeAll
  static void start() {
    node = TestNode.start(dataDir, Map.of(), IntegrationBackends.none().with(BackendKind.HTTP, lifecycle));
    apiId = ConnectionsFixture.deployApi(node.sdk, "dev");
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  private static int port() {
    return node.node.executeApiAddress().getPort();
  }

  private static String url(String api, String stage, String connectionId) {
    return "http://127.0.0.1:" + port() + "/" + api + "/" + stage + "/@connections/"
        + connectionId.replace("=", "%3D");
  }

  private static HttpResponse<String> call(String method, String url, byte[] body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(body));
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String connectionId, byte[] body) throws Exception {
    return call("POST", url(apiId, "dev", connectionId), body);
  }

  private static HttpResponse<String> postChunked(String connectionId, byte[] body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url(apiId, "dev", connectionId)))
        .timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
        .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static void assertError(int status, String type, HttpResponse<String> response) {
    assertEquals(status, response.statusCode(), response.body());
    assertEquals(type, response.headers().firstValue("x-amzn-ErrorType").orElse(null));
    assertTrue(response.body().startsWith("{\"message\":"), response.body());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void postSendsTheBodyAsOneTextMessage() throws Exception {
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"))) {
      String id = ConnectionsFixture.connectionId(client);
      HttpResponse<String> response = post(id, bytes("{\"hello\": \"wörld\"}"));
      assertEquals(200, response.statusCode(), response.body());
      assertEquals("{\"hello\": \"wörld\"}", client.next());
    }
  }

  @Test
  void postOfExactly128KbIsDeliveredWholeAndOneByteMoreIsPayloadTooLarge() throws Exception {
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"))) {
      String id = ConnectionsFixture.connectionId(client);
      char[] max = new char[MAX_DATA];
      Arrays.fill(max, 'x');
      String whole = new String(max);
      assertEquals(200, post(id, bytes(whole)).statusCode());
      assertEquals(whole, client.next());

      HttpResponse<String> tooLarge = post(id, bytes(whole + "y"));
      assertError(413, "PayloadTooLargeException", tooLarge);
      // nothing of the refused post reaches the client: the next message is the next post
      assertEquals(200, post(id, bytes("after")).statusCode());
      assertEquals("after", client.next());

      // the same without a declared length (chunked transfer encoding)
      assertEquals(200, postChunked(id, bytes(whole)).statusCode());
      assertEquals(whole, client.next());
      assertError(413, "PayloadTooLargeException", postChunked(id, bytes(whole + "y")));
    }
  }

  @Test
  void aBodyFarOverTheLimitIsPayloadTooLargeToo() throws Exception {
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"))) {
      String id = ConnectionsFixture.connectionId(client);
      // larger than pekko-http's own max-content-length (8m): still API Gateway's answer, not pekko-http's
      assertError(413, "PayloadTooLargeException", post(id, new byte[9 * 1024 * 1024]));
      assertTrue(client.isOpen());
    }
  }

  @Test
  void postOfDataThatIsNotUtf8ArrivesAsOneBinaryMessage() throws Exception {
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"))) {
      String id = ConnectionsFixture.connectionId(client);
      byte[] data = {(byte) 0xff, 0, (byte) 0xc3, 1, 2};
      assertEquals(200, post(id, data).statusCode());
      assertArrayEquals(data, client.nextBinary());
    }
  }

  @Test
  void getDescribesTheConnectionWithIsoTimesAndIdentity() throws Exception {
    long before = Instant.now().toEpochMilli();
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"))) {
      String id = ConnectionsFixture.connectionId(client);
      HttpResponse<String> response = call("GET", url(apiId, "dev", id), null);
      assertEquals(200, response.statusCode(), response.body());
      JsonNode body = JSON.readTree(response.body());
      Instant connectedAt = Instant.parse(body.get("connectedAt").asText());
      Instant lastActiveAt = Instant.parse(body.get("lastActiveAt").asText());
      assertTrue(body.get("connectedAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
      assertTrue(connectedAt.toEpochMilli() >= before - 1000, body.toString());
      assertFalse(lastActiveAt.isBefore(connectedAt), body.toString()); // the whoami message came after
      assertEquals("127.0.0.1", body.get("identity").get("sourceIp").asText());
      assertTrue(body.get("identity").get("userAgent").asText().startsWith("Java-http-client"), body.toString());
    }
  }

  @Test
  void deleteClosesTheClientRunsDisconnectAndTheIdIsGoneAfterwards() throws Exception {
    WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"));
    String id = ConnectionsFixture.connectionId(client);
    HttpResponse<String> deleted = call("DELETE", url(apiId, "dev", id), null);
    assertEquals(204, deleted.statusCode(), deleted.body());
    assertEquals(1000, client.awaitClose().code());
    lifecycle.await(EventContext.DISCONNECT, id);

    assertError(410, "GoneException", post(id, bytes("late")));
    assertError(410, "GoneException", call("GET", url(apiId, "dev", id), null));
    assertError(410, "GoneException", call("DELETE", url(apiId, "dev", id), null));
  }

  @Test
  void unknownIdsAndIdsOfAnotherNodeAreGone() throws Exception {
    HttpResponse<String> unknown = post("AAAAAAAAAAAAAAA=", bytes("x"));
    assertError(410, "GoneException", unknown);
    assertEquals("{\"message\":null}", unknown.body());
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"))) {
      String id = ConnectionsFixture.connectionId(client);
      // the same id with another node's tag in its first characters
      String foreign = (id.charAt(0) == 'A' ? "B" : "A") + id.substring(1);
      assertError(410, "GoneException", post(foreign, bytes("x")));
      assertError(410, "GoneException", call("GET", url(apiId, "dev", foreign), null));
    }
  }

  @Test
  void postBeforeConnectHasCompletedIsGone() throws Exception {
    CompletableFuture<WsClient> connecting =
        CompletableFuture.supplyAsync(() -> WsClient.connect(node.wsUrl(apiId, "dev") + "?hold=early"));
    ConnectionsFixture.Lifecycle.Event connect = lifecycle.await(event ->
        event.type().equals(EventContext.CONNECT) && List.of("early").equals(event.query().get("hold")));
    String id = connect.connectionId();
    assertError(410, "GoneException", post(id, bytes("too early")));
    assertError(410, "GoneException", call("GET", url(apiId, "dev", id), null));
    lifecycle.release("early");
    try (WsClient client = connecting.get()) {
      assertEquals(200, post(id, bytes("now")).statusCode());
      assertEquals("now", client.next());
    }
  }

  @Test
  void aStageOrApiThatIsNotDeployedIsForbidden() throws Exception {
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"))) {
      String id = ConnectionsFixture.connectionId(client);
      HttpResponse<String> wrongStage = call("POST", url(apiId, "nosuchstage", id), bytes("x"));
      assertError(403, "ForbiddenException", wrongStage);
      assertEquals("{\"message\":\"Forbidden\"}", wrongStage.body());
      assertError(403, "ForbiddenException", call("GET", url("nosuchapi0", "dev", id), null));
      assertError(403, "ForbiddenException", call("DELETE", url("nosuchapi0", "dev", id), null));
      assertTrue(client.isOpen());
    }
  }

  @Test
  void aConnectionIsReachedOnlyThroughItsOwnStage() throws Exception {
    String deployment = node.sdk.createDeployment(b -> b.apiId(apiId)).deploymentId();
    node.sdk.createStage(b -> b.apiId(apiId).stageName("other").deploymentId(deployment));
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"))) {
      String id = ConnectionsFixture.connectionId(client);
      assertError(410, "GoneException", call("POST", url(apiId, "other", id), bytes("x")));
    }
  }

  @Test
  void hostBasedUrlsServeWebSocketsAndTheConnectionsApi() throws Exception {
    String host = apiId + ".execute-api.localhost:" + port();
    try (RawSocket socket = RawSocket.webSocket(port(), host, "/dev", 0)) {
      socket.sendText("{\"action\":\"whoami\"}");
      String id = JSON.readTree(socket.readText()).get("connectionId").asText();
      String path = "/dev/@connections/" + id.replace("=", "%3D");

      RawSocket.Response posted = RawSocket.http(port(), "POST", host, path, bytes("via host"));
      assertEquals(200, posted.status(), posted.body());
      assertEquals("via host", socket.readText());

      RawSocket.Response described = RawSocket.http(port(), "GET", host, path, new byte[0]);
      assertEquals(200, described.status(), described.body());
      assertEquals("raw-socket-test", JSON.readTree(described.body()).get("identity").get("userAgent").asText());

      RawSocket.Response wrongStage = RawSocket.http(port(), "GET", host, "/nosuchstage/@connections/x", new byte[0]);
      assertEquals(403, wrongStage.status());
      assertEquals("ForbiddenException", wrongStage.headers().get("x-amzn-errortype"));

      RawSocket.Response deleted = RawSocket.http(port(), "DELETE", host, path, new byte[0]);
      assertEquals(204, deleted.status(), deleted.body());
      lifecycle.await(EventContext.DISCONNECT, id);
    }
  }
}
