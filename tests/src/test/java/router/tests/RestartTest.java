package router.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.Integration;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.Route;
import software.amazon.awssdk.services.apigatewayv2.model.Stage;

/**
 * Configuration survives a restart of the node process: the API, its routes, integrations and stages are all
 * there afterwards and the stage serves the same — on the embedded H2 file and on PostgreSQL.
 */
class RestartTest {
  private static final String POSTGRES_URL = System.getProperty("router.test.postgres.url",
      "jdbc:postgresql://127.0.0.1:5432/test");

  @TempDir Path dir;

  @Test
  void keepsConfigAcrossRestartOnH2() throws Exception {
    keepsConfigAcrossRestart(Map.of("ROUTER_DATA_DIR", dir.resolve("data").toString()));
  }

  @Test
  void keepsConfigAcrossRestartOnPostgres() throws Exception {
    String schema = "router_restart_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xFFFFFFFFL);
    try {
      keepsConfigAcrossRestart(Map.of("ROUTER_STORAGE", "postgres", "ROUTER_POSTGRES_URL", POSTGRES_URL,
          "ROUTER_POSTGRES_SCHEMA", schema));
    } finally {
      try (Connection connection = DriverManager.getConnection(POSTGRES_URL, "postgres", "");
          Statement statement = connection.createStatement()) {
        statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  private void keepsConfigAcrossRestart(Map<String, String> environment) throws Exception {
    Path log = dir.resolve("node.log");
    String apiId;
    List<Route> routesBefore;
    List<Integration> integrationsBefore;
    List<Stage> stagesBefore;
    try (NodeProcess node = NodeProcess.start(environment, log); ApiGatewayV2Client sdk = node.sdk()) {
      apiId = Fixtures.deployEchoApi(sdk, "dev");
      assertReplies(node, apiId);
      routesBefore = sdk.getRoutes(b -> b.apiId(apiId)).items();
      integrationsBefore = sdk.getIntegrations(b -> b.apiId(apiId)).items();
      stagesBefore = sdk.getStages(b -> b.apiId(apiId)).items();
    }
    try (NodeProcess node = NodeProcess.start(environment, log); ApiGatewayV2Client sdk = node.sdk()) {
      assertEquals("restartable", sdk.getApi(b -> b.apiId(apiId)).name());
      assertTrue(sdk.getApis(b -> {}).items().stream().anyMatch(a -> a.apiId().equals(apiId)));
      assertEquals(routesBefore, sdk.getRoutes(b -> b.apiId(apiId)).items());
      assertEquals(integrationsBefore, sdk.getIntegrations(b -> b.apiId(apiId)).items());
      assertEquals(stagesBefore, sdk.getStages(b -> b.apiId(apiId)).items());
      assertReplies(node, apiId);
      // and it can still be changed: a new MOCK route deployed after the restart
      String integrationId = sdk.createIntegration(b -> b.apiId(apiId).integrationType(IntegrationType.MOCK))
          .integrationId();
      assertEquals(2, sdk.getIntegrations(b -> b.apiId(apiId)).items().size(), integrationId);
    }
  }

  private static void assertReplies(NodeProcess node, String apiId) {
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"))) {
      client.send("{\"action\":\"echo\",\"n\":1}");
      assertEquals(Fixtures.ECHO_REPLY, client.next());
    }
  }
}
