package router.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigatewayv2.model.ApiGatewayV2Exception;
import software.amazon.awssdk.services.apigatewayv2.model.BadRequestException;
import software.amazon.awssdk.services.apigatewayv2.model.ConflictException;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.NotFoundException;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/** Each validation error of the control plane, as the AWS SDK sees it: exception type, status and message. */
class ValidationErrorsTest {
  @TempDir static Path dataDir;
  static TestNode node;
  static String apiId;
  static String integrationId;

  @BeforeAll
  static void start() {
    node = TestNode.start(dataDir);
    apiId = node.sdk.createApi(b -> b.name("v").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    integrationId = node.sdk.createIntegration(b -> b.apiId(apiId).integrationType(IntegrationType.MOCK))
        .integrationId();
    node.sdk.createRoute(b -> b.apiId(apiId).routeKey("taken").target("integrations/" + integrationId));
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  private static <T extends ApiGatewayV2Exception> T fails(Class<T> type, int status, String text, Executable call) {
    T e = assertThrows(type, call);
    assertEquals(status, e.statusCode());
    assertTrue(e.awsErrorDetails().errorMessage().contains(text), e.awsErrorDetails().errorMessage());
    return e;
  }

  @Test
  void rejectsTimeoutBelow50Millis() {
    fails(BadRequestException.class, 400, "between 50 milliseconds and 29 seconds", () -> node.sdk.createIntegration(
        b -> b.apiId(apiId).integrationType(IntegrationType.MOCK).timeoutInMillis(49)));
  }

  @Test
  void rejectsTimeoutAbove29000Millis() {
    fails(BadRequestException.class, 400, "between 50 milliseconds and 29 seconds", () -> node.sdk.createIntegration(
        b -> b.apiId(apiId).integrationType(IntegrationType.MOCK).timeoutInMillis(29001)));
  }

  @Test
  void rejectsUpdateToTimeoutOutOfRange() {
    fails(BadRequestException.class, 400, "timeoutInMillis", () -> node.sdk.updateIntegration(
        b -> b.apiId(apiId).integrationId(integrationId).timeoutInMillis(30000)));
  }

  @Test
  void rejectsUnknownIntegrationType() {
    fails(BadRequestException.class, 400, "Invalid integrationType specified: LAMBDA",
        () -> node.sdk.createIntegration(b -> b.apiId(apiId).integrationType("LAMBDA")));
  }

  @Test
  void rejectsUnknownPassthroughBehavior() {
    fails(BadRequestException.class, 400, "Invalid passthroughBehavior specified: SOMETIMES",
        () -> node.sdk.createIntegration(b -> b.apiId(apiId).integrationType(IntegrationType.MOCK)
            .passthroughBehavior("SOMETIMES")));
  }

  @Test
  void rejectsCustomRouteKeyStartingWithDollar() {
    fails(BadRequestException.class, 400, "Route key $custom is invalid",
        () -> node.sdk.createRoute(b -> b.apiId(apiId).routeKey("$custom")));
  }

  @Test
  void rejectsRouteTargetNamingNoIntegration() {
    fails(BadRequestException.class, 400, "No integration nosuch1 in this API",
        () -> node.sdk.createRoute(b -> b.apiId(apiId).routeKey("r1").target("integrations/nosuch1")));
  }

  @Test
  void rejectsRouteTargetThatIsNotAnIntegration() {
    fails(BadRequestException.class, 400, "Invalid target specified",
        () -> node.sdk.createRoute(b -> b.apiId(apiId).routeKey("r2").target("lambda/x")));
  }

  @Test
  void rejectsDuplicateRouteKey() {
    fails(ConflictException.class, 409, "Route with key taken already exists",
        () -> node.sdk.createRoute(b -> b.apiId(apiId).routeKey("taken")));
  }

  @Test
  void rejectsProtocolTypeHttp() {
    fails(BadRequestException.class, 400, "WebSocket APIs only", () -> node.sdk.createApi(
        b -> b.name("h").protocolType(ProtocolType.HTTP)));
  }

  @Test
  void rejectsUnknownProtocolType() {
    fails(BadRequestException.class, 400, "Invalid protocol type specified: GRPC", () -> node.sdk.createApi(
        b -> b.name("h").protocolType("GRPC").routeSelectionExpression("$request.body.action")));
  }

  @Test
  void answersNotFoundForUnknownApi() {
    fails(NotFoundException.class, 404, "Invalid API identifier specified",
        () -> node.sdk.getApi(b -> b.apiId("nosuchapi0")));
  }

  @Test
  void answersNotFoundForUnknownRoute() {
    fails(NotFoundException.class, 404, "Invalid Route identifier specified nosuch9",
        () -> node.sdk.getRoute(b -> b.apiId(apiId).routeId("nosuch9")));
  }

  @Test
  void answersNotFoundForUnknownIntegration() {
    fails(NotFoundException.class, 404, "Invalid Integration identifier specified nosuch9",
        () -> node.sdk.getIntegration(b -> b.apiId(apiId).integrationId("nosuch9")));
  }

  @Test
  void rejectsInvalidRouteSelectionExpression() {
    fails(BadRequestException.class, 400, "Unterminated ${", () -> node.sdk.createApi(
        b -> b.name("x").protocolType(ProtocolType.WEBSOCKET).routeSelectionExpression("${request.body.a")));
  }

  @Test
  void rejectsTemplateThatDoesNotParse() {
    fails(BadRequestException.class, 400, "Invalid mapping expression", () -> node.sdk.createIntegration(
        b -> b.apiId(apiId).integrationType(IntegrationType.MOCK)
            .requestTemplates(Map.of("application/json", "#if($x"))));
  }

  @Test
  void rejectsIntegrationResponseKeyThatIsNotARegex() {
    fails(BadRequestException.class, 400, "Invalid integration response key", () ->
        node.sdk.createIntegrationResponse(b -> b.apiId(apiId).integrationId(integrationId)
            .integrationResponseKey("/2[/")));
  }

  @Test
  void refusesDeploymentOfAnApiWithoutRoutes() {
    String empty = node.sdk.createApi(b -> b.name("e").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    fails(BadRequestException.class, 400, "no routes exist", () -> node.sdk.createDeployment(b -> b.apiId(empty)));
  }
}
