package router.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import router.connection.ConnectionRegistry;
import router.integration.BackendKind;
import router.integration.EventContext;
import router.integration.IntegrationBackends;

/**
 * Outbound back-pressure: posts to a client that never reads fill only that connection's bounded queue, then get
 * 429 LimitExceededException; the bytes the node holds for it stay within the configured bound, and a neighbour
 * connection still gets its posts.
 */
class OutboundLimitTest {
  private static final int MAX_QUEUED_BYTES = 256 * 1024;
  private static final int MESSAGE_BYTES = 16 * 1024;
  /** Far more than the queue, the socket buffers and the client's window can take together. */
  private static final int MAX_POSTS = 2000;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dataDir;
  static TestNode node;
  static final ConnectionsFixture.Lifecycle lifecycle = new ConnectionsFixture.Lifecycle();
  static String apiId;

  @BeforeAll
  static void start() {
    node = TestNode.start(dataDir, Map.of(
            "router.connection.outbound-buffer", 64,
            "router.connection.outbound-buffer-bytes", MAX_QUEUED_BYTES,
            // a fixed (small) socket send buffer, so the kernel holds little of what the client does not read
            "pekko.http.server.socket-options.so-send-buffer-size", 16384),
        IntegrationBackends.none().with(BackendKind.HTTP, lifecycle));
    apiId = ConnectionsFixture.deployApi(node.sdk, "dev");
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  private static HttpResponse<String> post(String connectionId, String data) throws Exception {
    String url = "http://127.0.0.1:" + node.node.executeApiAddress().getPort() + "/" + apiId + "/dev/@connections/"
        + connectionId.replace("=", "%3D");
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofString(data)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> delete(String connectionId) throws Exception {
    String url = "http://127.0.0.1:" + node.node.executeApiAddress().getPort() + "/" + apiId + "/dev/@connections/"
        + connectionId.replace("=", "%3D");
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).DELETE().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aClientThatDoesNotReadGets429WhileTheNodeHoldsBoundedBytesAndNeighboursAreServed() throws Exception {
    ConnectionRegistry registry = node.node.engine().connections();
    char[] chars = new char[MESSAGE_BYTES];
    Arrays.fill(chars, 'm');
    String message = new String(chars);
    // A client with a small TCP window that reads its connection id, then never reads again.
    try (RawSocket stuck = RawSocket.webSocket(node.node.executeApiAddress().getPort(),
            "127.0.0.1", "/" + apiId + "/dev", 4096);
        WsClient neighbour = WsClient.connect(node.wsUrl(apiId, "dev"))) {
      stuck.sendText("{\"action\":\"whoami\"}");
      String stuckId = JSON.readTree(stuck.readText()).get("connectionId").asText();
      String neighbourId = ConnectionsFixture.connectionId(neighbour);

      int accepted = 0;
      long mostQueued = 0;
      HttpResponse<String> refused = null;
      for (int i = 0; i < MAX_POSTS && refused == null; i++) {
        HttpResponse<String> response = post(stuckId, message);
        mostQueued = Math.max(mostQueued, registry.queuedBytes());
        if (response.statusCode() == 200) accepted++;
        else refused = response;
      }
      assertTrue(refused != null, "no post was refused after " + accepted + " accepted");
      assertEquals(429, refused.statusCode(), refused.body());
      assertEquals("LimitExceededException", refused.headers().firstValue("x-amzn-ErrorType").orElse(null));
      assertTrue(refused.body().startsWith("{\"message\":"), refused.body());
      // It is the byte bound that refused: the queue is full to within one message, and never above the bound.
      long queued = registry.get(stuckId).queuedBytes();
      assertTrue(queued > MAX_QUEUED_BYTES - MESSAGE_BYTES && queued <= MAX_QUEUED_BYTES, "queued " + queued);
      assertTrue(mostQueued <= MAX_QUEUED_BYTES, "most queued " + mostQueued);
      // Past the queue, nothing buffers without bound either: what was accepted beyond it fits in the frame being
      // written and the fixed socket buffers (16 KiB send buffer, 4 KiB client window, doubled by the kernel).
      assertTrue((long) accepted * MESSAGE_BYTES <= MAX_QUEUED_BYTES + 8 * MESSAGE_BYTES, "accepted " + accepted);

      // More posts are refused too and the node holds no more for the connection.
      for (int i = 0; i < 20; i++) {
        assertEquals(429, post(stuckId, message).statusCode());
        assertTrue(registry.queuedBytes() <= MAX_QUEUED_BYTES, "queued " + registry.queuedBytes());
      }

      // The neighbour is not affected: its posts and its own messages go through.
      assertEquals(200, post(neighbourId, "still served").statusCode());
      assertEquals("still served", neighbour.next());
      assertEquals(neighbourId, ConnectionsFixture.connectionId(neighbour));

      // DELETE closes the stuck connection although its queue is full; $disconnect runs and its bytes are freed.
      assertEquals(204, delete(stuckId).statusCode());
      lifecycle.await(EventContext.DISCONNECT, stuckId);
      assertEquals(null, registry.get(stuckId));
      assertEquals(0, registry.queuedBytes());
    }
  }
}
