package router.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigatewayv2.model.Api;
import software.amazon.awssdk.services.apigatewayv2.model.ConnectionType;
import software.amazon.awssdk.services.apigatewayv2.model.ContentHandlingStrategy;
import software.amazon.awssdk.services.apigatewayv2.model.CreateIntegrationResponse;
import software.amazon.awssdk.services.apigatewayv2.model.GetIntegrationResponse;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.LoggingLevel;
import software.amazon.awssdk.services.apigatewayv2.model.NotFoundException;
import software.amazon.awssdk.services.apigatewayv2.model.PassthroughBehavior;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.apigatewayv2.model.RouteSettings;

/** Every resource of a WebSocket API through the AWS SDK: create, get, list (paginated), update (PATCH), delete. */
class ControlPlaneSdkTest {
  @TempDir static Path dataDir;
  static TestNode node;

  @BeforeAll
  static void start() {
    node = TestNode.start(dataDir);
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  private static String newApi(String name) {
    return node.sdk.createApi(b -> b.name(name).protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action").description("d").version("v1")
        .tags(Map.of("team", "gateway"))).apiId();
  }

  @Test
  void storesAndReturnsEveryIntegrationFieldTheCliCanSend() {
    String apiId = newApi("fields");
    CreateIntegrationResponse created = node.sdk.createIntegration(b -> b.apiId(apiId)
        .integrationType(IntegrationType.HTTP)
        .integrationMethod("PUT")
        .integrationUri("https://backend.example.com/items/${stageVariables.item}")
        .connectionType(ConnectionType.VPC_LINK)
        .connectionId("${stageVariables.vpcLinkId}")
        .credentialsArn("arn:aws:iam::123456789012:role/apigateway")
        .passthroughBehavior(PassthroughBehavior.NEVER)
        .requestTemplates(Map.of("application/json", "{\"id\": \"$input.path('$.id')\"}"))
        .templateSelectionExpression("\\$default")
        .requestParameters(Map.of("integration.request.header.x-user", "route.request.header.x-user",
            "integration.request.querystring.stage", "context.stage",
            "integration.request.header.x-static", "'fixed'"))
        .contentHandlingStrategy(ContentHandlingStrategy.CONVERT_TO_TEXT)
        .timeoutInMillis(5000)
        .payloadFormatVersion("1.0")
        .description("all fields"));
    GetIntegrationResponse read = node.sdk.getIntegration(b -> b.apiId(apiId)
        .integrationId(created.integrationId()));
    assertEquals(IntegrationType.HTTP, read.integrationType());
    assertEquals("PUT", read.integrationMethod());
    assertEquals("https://backend.example.com/items/${stageVariables.item}", read.integrationUri());
    assertEquals(ConnectionType.VPC_LINK, read.connectionType());
    assertEquals("${stageVariables.vpcLinkId}", read.connectionId());
    assertEquals("arn:aws:iam::123456789012:role/apigateway", read.credentialsArn());
    assertEquals(PassthroughBehavior.NEVER, read.passthroughBehavior());
    assertEquals(Map.of("application/json", "{\"id\": \"$input.path('$.id')\"}"), read.requestTemplates());
    assertEquals("\\$default", read.templateSelectionExpression());
    assertEquals(3, read.requestParameters().size());
    assertEquals(ContentHandlingStrategy.CONVERT_TO_TEXT, read.contentHandlingStrategy());
    assertEquals(5000, read.timeoutInMillis());
    assertEquals("${response.statuscode}", read.integrationResponseSelectionExpression());
    assertEquals("1.0", read.payloadFormatVersion());
    assertEquals("all fields", read.description());
  }

  @Test
  void updatesEachResourceWithPatchSemantics() {
    String apiId = newApi("patch");
    String integrationId = node.sdk.createIntegration(b -> b.apiId(apiId).integrationType(IntegrationType.MOCK)
        .description("before").timeoutInMillis(1000)).integrationId();
    // only the fields sent change
    var integration = node.sdk.updateIntegration(b -> b.apiId(apiId).integrationId(integrationId)
        .timeoutInMillis(2000));
    assertEquals(2000, integration.timeoutInMillis());
    assertEquals("before", integration.description());

    String routeId = node.sdk.createRoute(b -> b.apiId(apiId).routeKey("a").target("integrations/" + integrationId))
        .routeId();
    var route = node.sdk.updateRoute(b -> b.apiId(apiId).routeId(routeId).routeKey("b"));
    assertEquals("b", route.routeKey());
    assertEquals("integrations/" + integrationId, route.target());

    String responseId = node.sdk.createIntegrationResponse(b -> b.apiId(apiId).integrationId(integrationId)
        .integrationResponseKey("$default")).integrationResponseId();
    var response = node.sdk.updateIntegrationResponse(b -> b.apiId(apiId).integrationId(integrationId)
        .integrationResponseId(responseId).responseTemplates(Map.of("$default", "ok")));
    assertEquals("$default", response.integrationResponseKey());
    assertEquals(Map.of("$default", "ok"), response.responseTemplates());

    String routeResponseId = node.sdk.createRouteResponse(b -> b.apiId(apiId).routeId(routeId)
        .routeResponseKey("$default")).routeResponseId();
    var routeResponse = node.sdk.updateRouteResponse(b -> b.apiId(apiId).routeId(routeId)
        .routeResponseId(routeResponseId).modelSelectionExpression("\\$default"));
    assertEquals("$default", routeResponse.routeResponseKey());

    String deploymentId = node.sdk.createDeployment(b -> b.apiId(apiId).description("first")).deploymentId();
    assertEquals("second", node.sdk.updateDeployment(b -> b.apiId(apiId).deploymentId(deploymentId)
        .description("second")).description());

    node.sdk.createStage(b -> b.apiId(apiId).stageName("dev").deploymentId(deploymentId)
        .stageVariables(Map.of("color", "blue")));
    var stage = node.sdk.updateStage(b -> b.apiId(apiId).stageName("dev")
        .defaultRouteSettings(RouteSettings.builder().loggingLevel(LoggingLevel.INFO).build()));
    assertEquals(Map.of("color", "blue"), stage.stageVariables());
    assertEquals(LoggingLevel.INFO, stage.defaultRouteSettings().loggingLevel());
    assertEquals(deploymentId, stage.deploymentId());

    var api = node.sdk.updateApi(b -> b.apiId(apiId).name("patched"));
    assertEquals("patched", api.name());
    assertEquals("d", api.description());
  }

  @Test
  void deletesEachResource() {
    String apiId = newApi("delete");
    String integrationId = node.sdk.createIntegration(b -> b.apiId(apiId).integrationType(IntegrationType.MOCK))
        .integrationId();
    String responseId = node.sdk.createIntegrationResponse(b -> b.apiId(apiId).integrationId(integrationId)
        .integrationResponseKey("$default")).integrationResponseId();
    String routeId = node.sdk.createRoute(b -> b.apiId(apiId).routeKey("a").target("integrations/" + integrationId))
        .routeId();
    String routeResponseId = node.sdk.createRouteResponse(b -> b.apiId(apiId).routeId(routeId)
        .routeResponseKey("$default")).routeResponseId();
    node.sdk.createStage(b -> b.apiId(apiId).stageName("dev").autoDeploy(true));
    String deploymentId = node.sdk.getStage(b -> b.apiId(apiId).stageName("dev")).deploymentId();

    node.sdk.deleteStage(b -> b.apiId(apiId).stageName("dev"));
    node.sdk.deleteDeployment(b -> b.apiId(apiId).deploymentId(deploymentId));
    node.sdk.deleteRouteResponse(b -> b.apiId(apiId).routeId(routeId).routeResponseId(routeResponseId));
    node.sdk.deleteRoute(b -> b.apiId(apiId).routeId(routeId));
    node.sdk.deleteIntegrationResponse(b -> b.apiId(apiId).integrationId(integrationId)
        .integrationResponseId(responseId));
    node.sdk.deleteIntegration(b -> b.apiId(apiId).integrationId(integrationId));
    assertTrue(node.sdk.getRoutes(b -> b.apiId(apiId)).items().isEmpty());
    assertTrue(node.sdk.getIntegrations(b -> b.apiId(apiId)).items().isEmpty());
    assertTrue(node.sdk.getStages(b -> b.apiId(apiId)).items().isEmpty());

    node.sdk.deleteApi(b -> b.apiId(apiId));
    assertThrows(NotFoundException.class, () -> node.sdk.getApi(b -> b.apiId(apiId)));
    assertFalse(node.sdk.getApis(b -> {}).items().stream().anyMatch(a -> a.apiId().equals(apiId)));
  }

  @Test
  void listsApisAcrossPagesWithNextToken() {
    List<String> created = List.of(newApi("p1"), newApi("p2"), newApi("p3"));
    List<String> listed = new java.util.ArrayList<>();
    String token = null;
    do {
      String from = token;
      var page = node.sdk.getApis(b -> b.maxResults("2").nextToken(from));
      assertTrue(page.items().size() <= 2);
      page.items().stream().map(Api::apiId).forEach(listed::add);
      token = page.nextToken();
    } while (token != null);
    assertTrue(listed.containsAll(created), listed.toString());
    assertEquals(listed.size(), listed.stream().distinct().count());
  }

  @Test
  void createStageAnswersWithTheGuidesDefaults() {
    String apiId = newApi("stage");
    var created = node.sdk.createStage(b -> b.apiId(apiId).stageName("dev"));
    assertEquals(false, created.autoDeploy());
    assertEquals(LoggingLevel.OFF, created.defaultRouteSettings().loggingLevel());
    assertEquals(false, created.defaultRouteSettings().dataTraceEnabled());
    assertEquals(Map.of(), created.stageVariables());
    assertTrue(created.createdDate() != null && created.lastUpdatedDate() != null);
  }
}
