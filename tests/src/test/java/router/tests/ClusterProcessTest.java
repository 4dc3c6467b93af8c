package router.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.Route;

/**
 * Three real nodes as processes ({@code router.node.Main}) on loopback, sharing one PostgreSQL schema, joined
 * through ROUTER_CLUSTER_SEEDS: configuration made through node 1 serves on nodes 2 and 3; {@code @connections}
 * through node 3 reaches a client of node 2 (AWS SDK); {@code kill -9} of node 1 while a client on each node
 * sends, with no message lost on the survivors, node 1's ids then 410, the control plane answering through node 2
 * after the Split Brain Resolver removed node 1, which rejoins when restarted; then a rolling restart (SIGTERM,
 * restart, one node at a time) that loses no configuration. SBR's stable-after is 3 s here (20 s by default).
 */
class ClusterProcessTest {
  private static final String POSTGRES_URL = System.getProperty("router.test.postgres.url",
      "jdbc:postgresql://127.0.0.1:5432/test");
  private static final ObjectMapper JSON = new ObjectMapper();

  // Node logs stay in target/ for a look after a failure.
  private final Path dir = logDirectory();
  private final List<Map<String, String>> environments = new ArrayList<>();
  private final NodeProcess[] nodes = new NodeProcess[3];
  private String schema;

  @AfterEach
  void stop() throws Exception {
    for (NodeProcess node : nodes) {
      if (node != null && node.isAlive()) node.kill();
    }
    if (schema != null) {
      try (Connection connection = DriverManager.getConnection(POSTGRES_URL, "postgres", "");
          Statement statement = connection.createStatement()) {
        statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  @Test
  void aNodeToldToJoinSeedsOnTheEmbeddedH2FileRefusesToStart() throws Exception {
    Path log = dir.resolve("h2-node.log");
    NodeProcess node = NodeProcess.launch(Map.of("ROUTER_DATA_DIR", dir.resolve("data").toString(),
        "ROUTER_CLUSTER_SEEDS", "127.0.0.1:" + NodeProcess.freePort()), log);
    assertEquals(1, node.awaitExit());
    String output = java.nio.file.Files.readString(log);
    assertTrue(output.contains("refuses to start") && output.contains("ROUTER_STORAGE=postgres"), output);
  }

  @Test
  void survivesTheLossOfANodeAndARollingRestart() throws Exception {
    schema = "router_cluster_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFFFL);
    List<String> seeds = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      int clusterPort = NodeProcess.freePort();
      seeds.add("127.0.0.1:" + clusterPort);
      Map<String, String> environment = new HashMap<>(Map.of(
          "ROUTER_STORAGE", "postgres",
          "ROUTER_POSTGRES_URL", POSTGRES_URL,
          "ROUTER_POSTGRES_SCHEMA", schema,
          "ROUTER_SBR_STABLE_AFTER", "3s",
          "ROUTER_CLUSTER_PORT", Integer.toString(clusterPort),
          "ROUTER_HTTP_PORT", Integer.toString(NodeProcess.freePort()),
          "ROUTER_CONTROL_PORT", Integer.toString(NodeProcess.freePort())));
      environments.add(environment);
    }
    environments.forEach(environment -> environment.put("ROUTER_CLUSTER_SEEDS", String.join(",", seeds)));
    for (int i = 0; i < 3; i++) nodes[i] = NodeProcess.launch(environments.get(i), dir.resolve("node" + i + ".log"));
    for (NodeProcess node : nodes) node.awaitReady();

    // Configuration made through node 1 serves on nodes 2 and 3.
    String apiId;
    try (ApiGatewayV2Client sdk = nodes[0].sdk()) {
      apiId = ClusterInOneJvmTest.deployWhoamiApi(sdk);
    }
    String echoApiId;
    try (ApiGatewayV2Client sdk = nodes[0].sdk()) {
      echoApiId = Fixtures.deployEchoApi(sdk, "dev");
    }
    for (NodeProcess node : nodes) assertEchoes(node, echoApiId);

    // @connections through node 3 reaches a client of node 2.
    try (WsClient client = ClusterInOneJvmTest.eventually(() -> WsClient.connect(nodes[1].wsUrl(apiId, "dev")));
        ApiGatewayManagementApiAsyncClient fromNode3 = management(nodes[2], apiId)) {
      String id = ClusterInOneJvmTest.whoami(client);
      // (retried while node 3 has yet to receive the stage: 403 until then)
      ClusterInOneJvmTest.eventually(() -> fromNode3.postToConnection(
          b -> b.connectionId(id).data(SdkBytes.fromUtf8String("across"))).join());
      assertEquals("across", client.next());
    }

    // A client on each node sends and waits for each reply; node 1 is killed meanwhile.
    WsClient doomed = WsClient.connect(nodes[0].wsUrl(echoApiId, "dev"));
    String doomedId;
    try (WsClient whoamiOnNode1 = WsClient.connect(nodes[0].wsUrl(apiId, "dev"))) {
      doomedId = ClusterInOneJvmTest.whoami(whoamiOnNode1);
    }
    List<Sender> survivors = List.of(new Sender(nodes[1], echoApiId), new Sender(nodes[2], echoApiId));
    survivors.forEach(Sender::start);
    for (int i = 0; i < 20; i++) {
      doomed.send("{\"action\":\"echo\"}");
      assertEquals(Fixtures.ECHO_REPLY, doomed.next());
    }
    Thread.sleep(1000);
    nodes[0].kill();
    // the dead node's clients reconnect to a survivor at once: every node serves every stage from its own copy
    try (WsClient reconnected = WsClient.connect(nodes[1].wsUrl(echoApiId, "dev"))) {
      reconnected.send("{\"action\":\"echo\"}");
      assertEquals(Fixtures.ECHO_REPLY, reconnected.next());
    }
    // failure detection (~3 s) + SBR stable-after (3 s) + the entities' move: keep sending through all of it
    Thread.sleep(10_000);

    // The dead node's ids are gone; the control plane answers through node 2 for every API.
    try (ApiGatewayManagementApiAsyncClient fromNode2 = management(nodes[1], apiId)) {
      Throwable gone = ClusterInOneJvmTest.eventually(() -> {
        try {
          fromNode2.getConnection(b -> b.connectionId(doomedId)).join();
        } catch (CompletionException e) {
          return e.getCause();
        }
        throw new AssertionError("node 1's connection is still described");
      });
      assertInstanceOf(GoneException.class, gone);
    }
    try (ApiGatewayV2Client sdk = nodes[1].sdk()) {
      for (String id : List.of(apiId, echoApiId)) {
        ClusterInOneJvmTest.eventually(() -> sdk.getRoutes(b -> b.apiId(id)).items());
      }
    }
    for (Sender sender : survivors) sender.stopAndCheck();
    doomed.close();

    // Node 1, restarted, rejoins and serves.
    nodes[0] = NodeProcess.launch(environments.get(0), dir.resolve("node0.log"));
    nodes[0].awaitReady();
    assertEchoes(nodes[0], echoApiId);
    ClusterInOneJvmTest.eventually(() -> {
      JsonNode members = members(nodes[1]);
      assertEquals(3, members.size(), members.toString());
      members.forEach(m -> assertEquals("Up", m.get("status").asText(), members.toString()));
      return null;
    });

    // Rolling restart: SIGTERM each node in turn, start it again; no configuration is lost.
    List<Route> routesBefore;
    try (ApiGatewayV2Client sdk = nodes[1].sdk()) {
      routesBefore = sdk.getRoutes(b -> b.apiId(echoApiId)).items();
    }
    for (int i = 0; i < 3; i++) {
      // the stopping node closes its own clients with 1001; the other nodes' clients lose nothing
      WsClient leaving = WsClient.connect(nodes[i].wsUrl(echoApiId, "dev"));
      List<Sender> others = new ArrayList<>();
      for (int j = 0; j < 3; j++) if (j != i) others.add(new Sender(nodes[j], echoApiId));
      others.forEach(Sender::start);
      nodes[i].close();
      assertEquals(1001, leaving.awaitClose().code());
      nodes[i] = NodeProcess.launch(environments.get(i), dir.resolve("node" + i + ".log"));
      nodes[i].awaitReady();
      for (Sender sender : others) sender.stopAndCheck();
    }
    for (NodeProcess node : nodes) {
      try (ApiGatewayV2Client sdk = node.sdk()) {
        assertEquals(routesBefore, sdk.getRoutes(b -> b.apiId(echoApiId)).items());
        assertEquals("whoami", sdk.getApi(b -> b.apiId(apiId)).name());
      }
      assertEchoes(node, echoApiId);
    }
  }

  private static void assertEchoes(NodeProcess node, String apiId) {
    ClusterInOneJvmTest.eventually(() -> {
      try (WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"))) {
        client.send("{\"action\":\"echo\"}");
        assertEquals(Fixtures.ECHO_REPLY, client.next());
      }
      return null;
    });
  }

  private static ApiGatewayManagementApiAsyncClient management(NodeProcess node, String apiId) {
    return ApiGatewayManagementApiAsyncClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + node.httpPort + "/" + apiId + "/dev"))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .build();
  }

  static JsonNode members(NodeProcess node) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(node.controlUrl() + "/cluster/members")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode());
    return JSON.readTree(response.body()).get("members");
  }

  /** A client that sends one message at a time and checks each reply, until stopped. */
  private static final class Sender extends Thread {
    private final WsClient client;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    Sender(NodeProcess node, String apiId) {
      this.client = WsClient.connect(node.wsUrl(apiId, "dev"));
      setDaemon(true);
    }

    @Override
    public void run() {
      try {
        while (running.get()) {
          client.send("{\"action\":\"echo\"}");
          assertEquals(Fixtures.ECHO_REPLY, client.next());
          answered.incrementAndGet();
          Thread.sleep(5);
        }
      } catch (Throwable e) {
        failure.set(e);
      }
    }

    void stopAndCheck() throws InterruptedException {
      running.set(false);
      join(15_000);
      client.close();
      if (failure.get() != null) throw new AssertionError("a survivor's client lost a message", failure.get());
      assertTrue(answered.get() > 100, "answered " + answered.get());
    }
  }

  private static Path logDirectory() {
    try {
      return java.nio.file.Files.createDirectories(Path.of("target", "ClusterProcessTest", Long.toString(System.currentTimeMillis())));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
