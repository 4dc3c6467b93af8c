package router.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import router.ids.ConnectionIds;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GetConnectionResponse;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/**
 * Three nodes in one JVM (three ActorSystems on 127.0.0.1, seeds from {@code router.node.cluster.seeds}) sharing
 * one PostgreSQL schema: one cluster with unique node tags, configuration made through any node served on every
 * node, and {@code @connections} through any node reaching a client of another, with the AWS SDK clients.
 */
class ClusterInOneJvmTest {
  private static final String POSTGRES_URL = System.getProperty("router.test.postgres.url",
      "jdbc:postgresql://127.0.0.1:5432/test");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir static Path dir;
  static String schema;
  static TestNode[] nodes = new TestNode[3];

  @BeforeAll
  static void startThreeNodes() throws Exception {
    schema = "router_cluster_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFFFL);
    nodes = startThree(dir, schema);
  }

  /** Three nodes in this JVM, joined through their seeds, on the PostgreSQL schema {@code schema}. */
  static TestNode[] startThree(Path dir, String schema) throws Exception {
    return startThree(dir, schema, Map.of());
  }

  /** As {@link #startThree(Path, String)}, with more config overrides. */
  static TestNode[] startThree(Path dir, String schema, Map<String, Object> more) throws Exception {
    TestNode[] started = new TestNode[3];
    int[] ports = {NodeProcess.freePort(), NodeProcess.freePort(), NodeProcess.freePort()};
    String seeds = "127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1] + ",127.0.0.1:" + ports[2];
    for (int i = 0; i < 3; i++) {
      Map<String, Object> overrides = new java.util.HashMap<>(more);
      overrides.putAll(Map.of(
          "router.storage.kind", "postgres",
          "router.storage.postgres.url", POSTGRES_URL,
          "router.storage.postgres.schema", schema,
          "router.node.cluster.seeds", seeds,
          "pekko.remote.artery.canonical.port", ports[i],
          "pekko.cluster.jmx.multi-mbeans-in-same-jvm", "on",
          // the first seed waits this long for the others before forming the cluster on its own
          "pekko.cluster.seed-node-timeout", "1s"));
      started[i] = TestNode.start(dir.resolve("node" + i), overrides);
    }
    return started;
  }

  @AfterAll
  static void stop() throws Exception {
    for (int i = nodes.length - 1; i >= 0; i--) if (nodes[i] != null) nodes[i].close();
    try (Connection connection = DriverManager.getConnection(POSTGRES_URL, "postgres", "");
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  @Test
  void formsOneClusterWithADistinctNodeTagPerMember() throws Exception {
    for (TestNode node : nodes) {
      JsonNode members = eventually(() -> {
        JsonNode m = members(node);
        assertEquals(3, m.size(), m.toString());
        for (JsonNode member : m) {
          assertEquals("Up", member.get("status").asText(), m.toString());
          assertTrue(member.get("nodeTag").isInt(), m.toString());
          assertTrue(member.get("reachable").asBoolean(), m.toString());
        }
        return m;
      });
      Set<Integer> tags = new HashSet<>();
      members.forEach(member -> tags.add(member.get("nodeTag").asInt()));
      assertEquals(3, tags.size(), members.toString());
      assertTrue(members.get(0).get("roles").isArray());
      assertTrue(members.get(0).get("address").asText().startsWith("pekko://router@127.0.0.1:"));
    }
  }

  @Test
  void configurationMadeThroughOneNodeServesOnEveryNode() {
    String apiId = Fixtures.deployEchoApi(nodes[0].sdk, "dev");
    // $default answers too, so that a message sent before a change has arrived is answered at once
    String defaultRoute = nodes[0].sdk.getRoutes(b -> b.apiId(apiId)).items().stream()
        .filter(r -> r.routeKey().equals("$default")).findFirst().orElseThrow().routeId();
    nodes[0].sdk.updateRoute(b -> b.apiId(apiId).routeId(defaultRoute).routeResponseSelectionExpression("$default"));
    nodes[0].sdk.createRouteResponse(b -> b.apiId(apiId).routeId(defaultRoute).routeResponseKey("$default"));
    for (TestNode node : nodes) {
      // the control plane of every node manages the API (sharding routes the command to its entity)
      assertEquals("restartable", node.sdk.getApi(b -> b.apiId(apiId)).name());
      eventually(() -> {
        // the second route response (of $default) is the latest change: once it answers, the stage is current
        try (WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"))) {
          client.send("{\"action\":\"echo\"}");
          assertEquals(Fixtures.ECHO_REPLY, client.next());
          client.send("{\"action\":\"other\"}");
          assertEquals("{\"route\":\"$default\",\"ok\":true}", client.next());
        }
        return null;
      });
    }
    // a change through node 3 (a new route, auto-deployed) serves on node 1 and 2
    String integrationId = nodes[2].sdk.createIntegration(b -> b.apiId(apiId).integrationType(IntegrationType.MOCK)
        .requestTemplates(Map.of("application/json", "{\"statusCode\":200}"))).integrationId();
    nodes[2].sdk.createIntegrationResponse(b -> b.apiId(apiId).integrationId(integrationId)
        .integrationResponseKey("$default").responseTemplates(Map.of("$default", "{\"changed\":true}")));
    String routeId = nodes[2].sdk.createRoute(b -> b.apiId(apiId).routeKey("changed")
        .routeResponseSelectionExpression("$default").target("integrations/" + integrationId)).routeId();
    nodes[2].sdk.createRouteResponse(b -> b.apiId(apiId).routeId(routeId).routeResponseKey("$default"));
    for (TestNode node : List.of(nodes[0], nodes[1])) {
      eventually(() -> {
        try (WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"))) {
          client.send("{\"action\":\"changed\"}");
          assertEquals("{\"changed\":true}", client.next());
        }
        return null;
      });
    }
  }

  @Test
  void connectionsApiOfAnyNodeReachesAClientOfAnother() throws Exception {
    String apiId = deployWhoamiApi(nodes[0].sdk);
    awaitServed(nodes, apiId);
    WsClient client = WsClient.connect(nodes[1].wsUrl(apiId, "dev"));
    try (client) {
      String id = whoami(client);
      try (ApiGatewayManagementApiAsyncClient fromNode3 = management(nodes[2], apiId);
          ApiGatewayManagementApiAsyncClient fromNode1 = management(nodes[0], apiId)) {
        fromNode3.postToConnection(b -> b.connectionId(id).data(SdkBytes.fromUtf8String("from node 3"))).join();
        assertEquals("from node 3", client.next());
        GetConnectionResponse described = fromNode3.getConnection(b -> b.connectionId(id)).join();
        assertEquals("127.0.0.1", described.identity().sourceIp());
        assertTrue(!described.connectedAt().isAfter(described.lastActiveAt()));
        // DELETE through a third node closes the client; afterwards the id is gone
        fromNode1.deleteConnection(b -> b.connectionId(id)).join();
        assertEquals(1000, client.awaitClose().code());
        Throwable gone = failure(() -> fromNode3.postToConnection(
            b -> b.connectionId(id).data(SdkBytes.fromUtf8String("too late"))).join());
        assertInstanceOf(GoneException.class, gone);
        assertEquals(410, ((GoneException) gone).statusCode());
      }
    }
  }

  @Test
  void anIdNamingNoMemberIsGone() throws Exception {
    String apiId = deployWhoamiApi(nodes[0].sdk);
    awaitServed(nodes, apiId);
    Set<Integer> tags = new HashSet<>();
    members(nodes[0]).forEach(member -> tags.add(member.get("nodeTag").asInt()));
    int stranger = 0;
    while (tags.contains(stranger)) stranger++;
    String id = ConnectionIds.connectionId(stranger);
    assertNotEquals(-1, ConnectionIds.nodeTagOf(id));
    try (ApiGatewayManagementApiAsyncClient management = management(nodes[2], apiId)) {
      Throwable gone = failure(() -> management.getConnection(b -> b.connectionId(id)).join());
      assertInstanceOf(GoneException.class, gone);
    }
  }

  /** Waits until every node serves stage dev of the API (replication is eventually consistent). */
  static void awaitServed(TestNode[] nodes, String apiId) {
    for (TestNode node : nodes) {
      eventually(() -> {
        assertTrue(node.node.engine().stages().handle(apiId, "dev") != null, "not served yet");
        return null;
      });
    }
  }

  static String deployWhoamiApi(ApiGatewayV2Client sdk) {
    String apiId = sdk.createApi(b -> b.name("whoami").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    String mock = sdk.createIntegration(b -> b.apiId(apiId).integrationType(IntegrationType.MOCK)
        .requestTemplates(Map.of("application/json", "{\"statusCode\":200}"))).integrationId();
    sdk.createIntegrationResponse(b -> b.apiId(apiId).integrationId(mock).integrationResponseKey("$default")
        .responseTemplates(Map.of("$default", "{\"connectionId\":\"$context.connectionId\"}")));
    String whoami = sdk.createRoute(b -> b.apiId(apiId).routeKey("whoami").routeResponseSelectionExpression("$default")
        .target("integrations/" + mock)).routeId();
    sdk.createRouteResponse(b -> b.apiId(apiId).routeId(whoami).routeResponseKey("$default"));
    sdk.createStage(b -> b.apiId(apiId).stageName("dev").autoDeploy(true));
    return apiId;
  }

  static String whoami(WsClient client) {
    client.send("{\"action\":\"whoami\"}");
    try {
      return JSON.readTree(client.next()).get("connectionId").asText();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static ApiGatewayManagementApiAsyncClient management(TestNode node, String apiId) {
    return ApiGatewayManagementApiAsyncClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + node.node.executeApiAddress().getPort() + "/" + apiId
            + "/dev"))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .build();
  }

  private static JsonNode members(TestNode node) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(node.controlUrl() + "/cluster/members")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode());
    return JSON.readTree(response.body()).get("members");
  }

  private static Throwable failure(Runnable call) {
    try {
      call.run();
    } catch (CompletionException e) {
      return e.getCause();
    }
    throw new AssertionError("the call succeeded");
  }

  /** What {@code attempt} returns once it stops failing (replication is eventually consistent), within 20 s. */
  static <T> T eventually(ThrowingSupplier<T> attempt) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      try {
        return attempt.get();
      } catch (Throwable e) {
        if (System.nanoTime() > deadline) throw new AssertionError("still failing after " + WAIT, e);
        try {
          Thread.sleep(100);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new AssertionError(interrupted);
        }
      }
    }
  }

  /** A step that may throw. */
  interface ThrowingSupplier<T> {
    T get() throws Exception;
  }
}
