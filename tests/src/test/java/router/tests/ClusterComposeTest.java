package router.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;

/**
 * Keeps docker-compose.yml true: reads it, and starts its three node services' commands and environments as
 * local processes — each container host name and port mapped to a free loopback port, the PostgreSQL service to
 * the test database (a schema per run), {@code -jar /app/router-node.jar} to the same Main class on the test class
 * path — then checks that they form one cluster that serves a configuration made through any node.
 */
class ClusterComposeTest {
  private static final String POSTGRES_URL = System.getProperty("router.test.postgres.url",
      "jdbc:postgresql://127.0.0.1:5432/test");

  // Node logs stay in target/ for a look after a failure.
  private final Path dir = logDirectory();
  private final List<NodeProcess> nodes = new ArrayList<>();
  private String schema;

  @AfterEach
  void stop() throws Exception {
    for (NodeProcess node : nodes) if (node.isAlive()) node.kill();
    if (schema != null) {
      try (Connection connection = DriverManager.getConnection(POSTGRES_URL, "postgres", "");
          Statement statement = connection.createStatement()) {
        statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void composeFileStartsAClusterOfThree() throws Exception {
    Map<String, Object> compose;
    try (Reader reader = Files.newBufferedReader(Path.of("..", "docker-compose.yml"))) {
      LoaderOptions options = new LoaderOptions();
      options.setMaxAliasesForCollections(10);
      compose = new Yaml(options).load(reader);
    }
    Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
    assertTrue(services.containsKey("postgres"), "a PostgreSQL service");
    List<String> nodeNames = services.keySet().stream().filter(name -> !name.equals("postgres")).toList();
    assertEquals(List.of("node1", "node2", "node3"), nodeNames);

    // Every container's cluster, HTTP and control ports get loopback ports of their own.
    Map<String, Integer> clusterPorts = new HashMap<>();
    for (String name : nodeNames) clusterPorts.put(name, NodeProcess.freePort());
    schema = "router_compose_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFFFL);
    for (String name : nodeNames) {
      Map<String, Object> service = services.get(name);
      Map<String, String> environment = new LinkedHashMap<>();
      ((Map<String, Object>) service.get("environment")).forEach((k, v) -> environment.put(k, String.valueOf(v)));
      assertEquals(name, environment.get("ROUTER_CLUSTER_HOST"));
      assertEquals("postgres", environment.get("ROUTER_STORAGE"));
      assertTrue(environment.get("ROUTER_POSTGRES_URL").startsWith("jdbc:postgresql://postgres:"));
      String seeds = environment.get("ROUTER_CLUSTER_SEEDS");
      for (String other : nodeNames) {
        seeds = seeds.replace(other + ":" + environment.get("ROUTER_CLUSTER_PORT"), "127.0.0.1:" + clusterPorts.get(other));
      }
      environment.put("ROUTER_CLUSTER_SEEDS", seeds);
      environment.put("ROUTER_CLUSTER_HOST", "127.0.0.1");
      environment.put("ROUTER_CLUSTER_PORT", Integer.toString(clusterPorts.get(name)));
      environment.put("ROUTER_HTTP_INTERFACE", "127.0.0.1");
      environment.put("ROUTER_CONTROL_INTERFACE", "127.0.0.1");
      environment.put("ROUTER_HTTP_PORT", Integer.toString(NodeProcess.freePort()));
      environment.put("ROUTER_CONTROL_PORT", Integer.toString(NodeProcess.freePort()));
      environment.put("ROUTER_POSTGRES_URL", POSTGRES_URL);
      environment.put("ROUTER_POSTGRES_SCHEMA", schema);
      environment.put("ROUTER_POSTGRES_USER", "postgres");
      environment.put("ROUTER_POSTGRES_PASSWORD", "");
      environment.remove("ROUTER_PUBLIC_ENDPOINT");
      List<String> command = (List<String>) service.get("command");
      assertEquals("java", command.get(0));
      int jar = command.indexOf("-jar");
      assertEquals("/app/router-node.jar", command.get(jar + 1));
      List<String> jvmOptions = new ArrayList<>(command.subList(1, jar));
      jvmOptions.addAll(command.subList(jar + 2, command.size()));
      List<String> healthcheck = (List<String>) ((Map<String, Object>) service.get("healthcheck")).get("test");
      assertTrue(healthcheck.get(healthcheck.size() - 1).endsWith(":8081/health/ready"), healthcheck.toString());
      nodes.add(NodeProcess.launch(jvmOptions, environment, dir.resolve(name + ".log")));
    }
    for (NodeProcess node : nodes) node.awaitReady();

    JsonNode members = ClusterInOneJvmTest.eventually(() -> {
      JsonNode m = ClusterProcessTest.members(nodes.get(2));
      assertEquals(3, m.size(), m.toString());
      m.forEach(member -> assertEquals("Up", member.get("status").asText(), m.toString()));
      return m;
    });
    assertEquals(3, members.size());
    String apiId;
    try (ApiGatewayV2Client sdk = nodes.get(1).sdk()) {
      apiId = Fixtures.deployEchoApi(sdk, "dev");
    }
    for (NodeProcess node : nodes) {
      ClusterInOneJvmTest.eventually(() -> {
        try (WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"))) {
          client.send("{\"action\":\"echo\"}");
          assertEquals(Fixtures.ECHO_REPLY, client.next());
        }
        return null;
      });
    }
  }

  private static Path logDirectory() {
    try {
      return java.nio.file.Files.createDirectories(Path.of("target", "ClusterComposeTest", Long.toString(System.currentTimeMillis())));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
