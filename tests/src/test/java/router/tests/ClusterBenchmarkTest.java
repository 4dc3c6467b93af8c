package router.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import router.runtime.CompiledStage;
import router.runtime.StageHandle;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/**
 * Figures for BENCHMARKS.md, run only with {@code -Drouter.bench.cluster=true}: three nodes in one JVM on one
 * PostgreSQL schema (as {@link ClusterInOneJvmTest}). (1) Stage propagation: an API with 300 routes (API Gateway's
 * quota) is deployed through node 1 again and again; for each deployment, the time from the control plane's reply
 * to the new deployment being installed on the last of the three nodes. (2) {@code @connections}: a client on node
 * 2; POST to it through node 2 (same node) and through node 3 (cross node), alternately, one at a time, each timed
 * from sending the POST to the frame arriving.
 */
class ClusterBenchmarkTest {
  private static final String POSTGRES_URL = System.getProperty("router.test.postgres.url",
      "jdbc:postgresql://127.0.0.1:5432/test");
  private static final int ROUTES = 300;
  private static final int DEPLOYMENTS = Integer.getInteger("router.bench.deployments", 100);
  private static final int POSTS = Integer.getInteger("router.bench.posts", 2000);

  @TempDir Path dir;

  @Test
  void stagePropagationAndCrossNodeConnections() throws Exception {
    assumeTrue(Boolean.getBoolean("router.bench.cluster"), "run with -Drouter.bench.cluster=true");
    String schema = "router_bench_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFFFL);
    // as a node runs: messages between actors of one node are not serialized
    TestNode[] nodes = ClusterInOneJvmTest.startThree(dir, schema, Map.of("pekko.actor.serialize-messages", "off"));
    try {
      propagation(nodes);
      connections(nodes);
    } finally {
      for (int i = nodes.length - 1; i >= 0; i--) nodes[i].close();
      try (Connection connection = DriverManager.getConnection(POSTGRES_URL, "postgres", "");
          Statement statement = connection.createStatement()) {
        statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  private static void propagation(TestNode[] nodes) throws Exception {
    ApiGatewayV2Client sdk = nodes[0].sdk;
    String apiId = sdk.createApi(b -> b.name("routes300").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    String mock = sdk.createIntegration(b -> b.apiId(apiId).integrationType(IntegrationType.MOCK)
        .requestTemplates(Map.of("application/json", "{\"statusCode\":200}"))).integrationId();
    for (int i = 0; i < ROUTES; i++) {
      String key = "route" + i;
      sdk.createRoute(b -> b.apiId(apiId).routeKey(key).target("integrations/" + mock));
    }
    sdk.createStage(b -> b.apiId(apiId).stageName("dev"));
    long[] nanos = new long[DEPLOYMENTS];
    for (int i = -5; i < DEPLOYMENTS; i++) {
      String deploymentId = sdk.createDeployment(b -> b.apiId(apiId).stageName("dev")).deploymentId();
      long replied = System.nanoTime();
      long last = replied;
      for (TestNode node : nodes) {
        long deadline = replied + 10_000_000_000L;
        while (!deploymentId.equals(deploymentOn(node, apiId))) {
          if (System.nanoTime() > deadline) throw new AssertionError("deployment not installed within 10 s");
          Thread.onSpinWait();
        }
        last = Math.max(last, System.nanoTime());
      }
      if (i >= 0) nanos[i] = last - replied; // the first five warm up
    }
    Arrays.sort(nanos);
    System.out.printf("BENCH propagation routes=%d deployments=%d p50=%.1f ms p99=%.1f ms max=%.1f ms%n", ROUTES,
        DEPLOYMENTS, ms(percentile(nanos, 50)), ms(percentile(nanos, 99)), ms(nanos[nanos.length - 1]));
  }

  private static String deploymentOn(TestNode node, String apiId) {
    StageHandle handle = node.node.engine().stages().handle(apiId, "dev");
    CompiledStage stage = handle == null ? null : handle.current();
    return stage == null ? null : stage.deploymentId();
  }

  private static void connections(TestNode[] nodes) throws Exception {
    String apiId = ClusterInOneJvmTest.deployWhoamiApi(nodes[0].sdk);
    ClusterInOneJvmTest.awaitServed(nodes, apiId);
    WsClient client = WsClient.connect(nodes[1].wsUrl(apiId, "dev"));
    try (client) {
      String id = ClusterInOneJvmTest.whoami(client);
      HttpClient http = HttpClient.newHttpClient();
      URI same = postUri(nodes[1], apiId, id);
      URI cross = postUri(nodes[2], apiId, id);
      long[] sameNanos = new long[POSTS];
      long[] crossNanos = new long[POSTS];
      for (int i = -200; i < POSTS; i++) {
        long s = post(http, client, same, "s" + i);
        long c = post(http, client, cross, "c" + i);
        if (i >= 0) {
          sameNanos[i] = s;
          crossNanos[i] = c;
        }
      }
      Arrays.sort(sameNanos);
      Arrays.sort(crossNanos);
      System.out.printf("BENCH connections posts=%d same p50=%.3f ms p99=%.3f ms; cross p50=%.3f ms p99=%.3f ms;"
              + " cross/same p50=%.2f p99=%.2f%n", POSTS, ms(percentile(sameNanos, 50)), ms(percentile(sameNanos, 99)),
          ms(percentile(crossNanos, 50)), ms(percentile(crossNanos, 99)),
          (double) percentile(crossNanos, 50) / percentile(sameNanos, 50),
          (double) percentile(crossNanos, 99) / percentile(sameNanos, 99));
    }
  }

  private static URI postUri(TestNode node, String apiId, String id) {
    return URI.create("http://127.0.0.1:" + node.node.executeApiAddress().getPort() + "/" + apiId
        + "/dev/@connections/" + id.replace("=", "%3D"));
  }

  private static long post(HttpClient http, WsClient client, URI uri, String body) throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    assertEquals(body, client.next());
    return System.nanoTime() - start;
  }

  private static long percentile(long[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
