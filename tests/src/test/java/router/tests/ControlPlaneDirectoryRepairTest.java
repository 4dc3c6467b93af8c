package router.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import router.config.ApiEntity;
import router.ids.ResourceIds;
import router.model.Api;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;

/**
 * CreateApi registers the API in the API directory in a second step; when that step is lost, a restart repairs
 * the directory from the journal, so the API is listed and its stages are served again.
 */
class ControlPlaneDirectoryRepairTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir Path dir;

  @Test
  void anApiWhoseRegistrationWasLostIsListedAndServedAfterARestart() throws Exception {
    Path data = dir.resolve("data");
    String apiId = ResourceIds.apiId();
    try (TestNode node = TestNode.start(data)) {
      // CreateApi's first step only, as a crash before the second (the directory) would leave it.
      Api api = Api.builder().name("orphan").protocolType("WEBSOCKET")
          .routeSelectionExpression("$request.body.action").build();
      ClusterSharding.get(node.system).entityRefFor(ApiEntity.TYPE_KEY, apiId)
          .<Api>askWithStatus(replyTo -> new ApiEntity.CreateApi(api, replyTo), WAIT)
          .toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      deployEcho(node.sdk, apiId, "dev");
      assertFalse(listed(node, apiId));
    }
    try (TestNode node = TestNode.start(data)) {
      assertTrue(listed(node, apiId));
      try (WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"))) {
        client.send("{\"action\":\"echo\"}");
        assertEquals("{\"ok\":true}", client.next());
      }
    }
  }

  // A two-way MOCK route echo answering {"ok":true}, auto-deployed to the stage.
  private static void deployEcho(ApiGatewayV2Client sdk, String apiId, String stage) {
    String integrationId = sdk.createIntegration(b -> b.apiId(apiId).integrationType(IntegrationType.MOCK)
        .requestTemplates(Map.of("application/json", "{\"statusCode\":200}"))).integrationId();
    sdk.createIntegrationResponse(b -> b.apiId(apiId).integrationId(integrationId).integrationResponseKey("$default")
        .responseTemplates(Map.of("$default", "{\"ok\":true}")));
    String routeId = sdk.createRoute(b -> b.apiId(apiId).routeKey("echo").routeResponseSelectionExpression("$default")
        .target("integrations/" + integrationId)).routeId();
    sdk.createRouteResponse(b -> b.apiId(apiId).routeId(routeId).routeResponseKey("$default"));
    sdk.createStage(b -> b.apiId(apiId).stageName(stage).autoDeploy(true));
  }

  private static boolean listed(TestNode node, String apiId) {
    return node.sdk.getApis(b -> {}).items().stream().anyMatch(api -> api.apiId().equals(apiId));
  }
}
