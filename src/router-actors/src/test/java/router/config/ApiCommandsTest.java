package router.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static router.config.ConfigFixtures.ECHO_TEMPLATE;
import static router.config.ConfigFixtures.NOW;
import static router.config.ConfigFixtures.api;
import static router.config.ConfigFixtures.autoDeployStage;
import static router.config.ConfigFixtures.integration;
import static router.config.ConfigFixtures.integrationResponse;
import static router.config.ConfigFixtures.mock;
import static router.config.ConfigFixtures.route;
import static router.config.ConfigFixtures.routeResponse;
import static router.config.ConfigFixtures.stage;
import static router.config.ConfigFixtures.websocketApi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import router.config.ConfigFixtures.Bench;
import router.errors.ApiGatewayException;
import router.errors.BadRequestException;
import router.errors.ConflictException;
import router.errors.NotFoundException;
import router.model.Api;
import router.model.Deployment;
import router.model.Integration;
import router.model.IntegrationResponse;
import router.model.Route;
import router.model.RouteSettings;
import router.model.Stage;

/** The apigatewayv2 control-plane rules of {@link ApiCommands}, with the real expression and template checks. */
class ApiCommandsTest {

  private static final String NO_ROUTES = "Unable to deploy API because no routes exist in this API";

  private static String rejects(Class<? extends ApiGatewayException> type, Executable command) {
    return assertThrows(type, command).getMessage();
  }

  private static void assertContains(String expected, String actual) {
    assertTrue(actual != null && actual.contains(expected), () -> "expected '" + expected + "' in: " + actual);
  }

  /** An API with a MOCK integration i1 and a $default route r1 targeting it. */
  private static Bench apiWithDefaultRoute() {
    Bench bench = new Bench().withApi();
    String integrationId = bench.integration(mock());
    bench.route(route("$default", integrationId));
    return bench;
  }

  // ---- APIs -------------------------------------------------------------------------------------------------

  @Test
  void createApiFillsApiGatewayDefaults() {
    Bench bench = new Bench();
    String id = bench.run(s -> bench.commands.apis().create(s, "a1b2c3d4e5", websocketApi("chat")));

    Api api = bench.state.config().api();
    assertEquals("a1b2c3d4e5", id);
    assertEquals("a1b2c3d4e5", api.apiId());
    assertEquals("chat", api.name());
    assertEquals("WEBSOCKET", api.protocolType());
    assertEquals("$request.body.action", api.routeSelectionExpression());
    assertEquals("$request.header.x-api-key", api.apiKeySelectionExpression());
    assertEquals(false, api.disableExecuteApiEndpoint());
    assertEquals(false, api.disableSchemaValidation());
    assertEquals("ipv4", api.ipAddressType());
    assertEquals(Map.of(), api.tags());
    assertEquals(NOW, api.createdDate());
  }

  @Test
  void createApiKeepsTheValuesTheCallerChose() {
    Api input = api("chat", "WEBSOCKET", "${request.body.action}").toBuilder()
        .apiKeySelectionExpression("$context.authorizer.usageIdentifierKey").description("d")
        .disableExecuteApiEndpoint(true).version("v1").ipAddressType("dualstack").tags(Map.of("team", "a")).build();
    Bench bench = new Bench();
    bench.run(s -> bench.commands.apis().create(s, "api1", input));

    Api api = bench.state.config().api();
    assertEquals("$context.authorizer.usageIdentifierKey", api.apiKeySelectionExpression());
    assertEquals(true, api.disableExecuteApiEndpoint());
    assertEquals("dualstack", api.ipAddressType());
    assertEquals(Map.of("team", "a"), api.tags());
  }

  @Test
  void createApiRejectsHttpApis() {
    ApiCommands commands = ConfigFixtures.commands();
    String message = rejects(BadRequestException.class,
        () -> commands.apis().create(ApiState.EMPTY, "api1", api("h", "HTTP", "$request.method $request.path")));
    assertContains("HTTP", message);
  }

  @Test
  void createApiRejectsUnknownProtocolTypes() {
    ApiCommands commands = ConfigFixtures.commands();
    assertEquals("Invalid protocol type specified: REST", rejects(BadRequestException.class,
        () -> commands.apis().create(ApiState.EMPTY, "api1", api("r", "REST", "$request.body.action"))));
  }

  @Test
  void createApiRequiresNameAndProtocolTypeAndRouteSelectionExpression() {
    ApiCommands commands = ConfigFixtures.commands();
    assertEquals("name is required", rejects(BadRequestException.class,
        () -> commands.apis().create(ApiState.EMPTY, "api1", api(null, "WEBSOCKET", "$request.body.action"))));
    assertEquals("protocolType is required", rejects(BadRequestException.class,
        () -> commands.apis().create(ApiState.EMPTY, "api1", api("n", null, "$request.body.action"))));
    assertContains("Route selection expression is required", rejects(BadRequestException.class,
        () -> commands.apis().create(ApiState.EMPTY, "api1", api("n", "WEBSOCKET", null))));
  }

  @Test
  void createApiRejectsNamesOutsideOneTo128Characters() {
    ApiCommands commands = ConfigFixtures.commands();
    assertDoesNotThrow(() -> commands.apis().create(ApiState.EMPTY, "api1", websocketApi("n".repeat(128))));
    assertContains("Invalid name", rejects(BadRequestException.class,
        () -> commands.apis().create(ApiState.EMPTY, "api1", websocketApi("n".repeat(129)))));
    assertContains("Invalid name", rejects(BadRequestException.class,
        () -> commands.apis().create(ApiState.EMPTY, "api1", websocketApi(""))));
  }

  @Test
  void createApiRejectsInvalidSelectionExpressions() {
    ApiCommands commands = ConfigFixtures.commands();
    // The integration's status code cannot select a route: it is not known yet.
    assertContains("route selection", rejects(BadRequestException.class, () -> commands.apis().create(
        ApiState.EMPTY, "api1", api("n", "WEBSOCKET", "$integration.response.statuscode"))));
    Api badApiKey = websocketApi("n").toBuilder().apiKeySelectionExpression("$request.header.other").build();
    assertContains("API key selection",
        rejects(BadRequestException.class, () -> commands.apis().create(ApiState.EMPTY, "api1", badApiKey)));
  }

  @Test
  void createApiRejectsUnknownIpAddressType() {
    Api input = websocketApi("n").toBuilder().ipAddressType("ipv6").build();
    assertContains("Invalid ipAddressType specified: ipv6", rejects(BadRequestException.class,
        () -> ConfigFixtures.commands().apis().create(ApiState.EMPTY, "api1", input)));
  }

  @Test
  void creatingAnApiTwiceUnderOneIdIsConflict() {
    Bench bench = new Bench().withApi();
    rejects(ConflictException.class, () -> bench.commands.apis().create(bench.state, "api1", websocketApi("again")));
  }

  @Test
  void updateApiChangesOnlyTheFieldsSent() {
    Bench bench = new Bench().withApi();
    Api patch = Api.builder().routeSelectionExpression("$request.body.type").description("described").build();
    bench.run(s -> bench.commands.apis().update(s, patch));

    Api api = bench.state.config().api();
    assertEquals("chat", api.name());
    assertEquals("$request.body.type", api.routeSelectionExpression());
    assertEquals("described", api.description());
    assertEquals("ipv4", api.ipAddressType());
  }

  @Test
  void aDeletedApiIsNotFound() {
    Bench bench = apiWithDefaultRoute();
    bench.run(s -> bench.commands.apis().delete(s));

    assertFalse(bench.state.exists());
    assertEquals("Invalid API identifier specified",
        rejects(NotFoundException.class, () -> bench.commands.routes().create(bench.state, route("$connect"))));
    assertTrue(bench.state.stages().isEmpty());
    assertTrue(bench.state.deployments().isEmpty());
  }

  // ---- Routes -----------------------------------------------------------------------------------------------

  @Test
  void createRouteFillsApiGatewayDefaults() {
    Bench bench = new Bench().withApi();
    String id = bench.route(route("sendmessage"));

    Route route = bench.state.config().routes().get(id);
    assertEquals("r1", route.routeId());
    assertEquals("sendmessage", route.routeKey());
    assertEquals(false, route.apiKeyRequired());
    assertEquals("NONE", route.authorizationType());
  }

  @Test
  void customRouteKeysMayNotBeginWithDollar() {
    Bench bench = new Bench().withApi();
    assertContains("$custom", rejects(BadRequestException.class,
        () -> bench.commands.routes().create(bench.state, route("$custom"))));
  }

  @Test
  void reservedRouteKeysAreAccepted() {
    Bench bench = new Bench().withApi();
    for (String key : List.of("$connect", "$disconnect", "$default")) bench.route(route(key));
    assertEquals(3, bench.state.config().routes().size());
  }

  @Test
  void routeKeyRequiredAndAtMost128Characters() {
    Bench bench = new Bench().withApi();
    assertEquals("routeKey is required", rejects(BadRequestException.class,
        () -> bench.commands.routes().create(bench.state, route(null))));
    bench.route(route("k".repeat(128)));
    assertContains("Invalid routeKey", rejects(BadRequestException.class,
        () -> bench.commands.routes().create(bench.state, route("k".repeat(129)))));
  }

  @Test
  void duplicateRouteKeyIsConflict() {
    Bench bench = new Bench().withApi();
    bench.route(route("join"));
    assertContains("join", rejects(ConflictException.class,
        () -> bench.commands.routes().create(bench.state, route("join"))));
  }

  @Test
  void updatingARouteToAnotherRoutesKeyIsConflict() {
    Bench bench = new Bench().withApi();
    bench.route(route("join"));
    String leave = bench.route(route("leave"));
    rejects(ConflictException.class, () -> bench.commands.routes().update(bench.state, leave, route("join")));
  }

  @Test
  void updatingARouteToItsOwnKeyIsFine() {
    Bench bench = new Bench().withApi();
    String integrationId = bench.integration(mock());
    String join = bench.route(route("join"));
    bench.run(s -> bench.commands.routes().update(s, join, route("join", integrationId)));

    Route route = bench.state.config().routes().get(join);
    assertEquals("join", route.routeKey());
    assertEquals("integrations/" + integrationId, route.target());
    assertEquals("NONE", route.authorizationType());
  }

  @Test
  void routeTargetMustNameAnExistingIntegration() {
    Bench bench = new Bench().withApi();
    assertContains("No integration nope", rejects(BadRequestException.class,
        () -> bench.commands.routes().create(bench.state, route("join", "nope"))));
    Route notAnIntegration = Route.builder().routeKey("join").target("arn:aws:lambda:fn").build();
    assertContains("integrations/{integrationId}", rejects(BadRequestException.class,
        () -> bench.commands.routes().create(bench.state, notAnIntegration)));
    String integrationId = bench.integration(mock());
    String routeId = bench.route(route("join"));
    rejects(BadRequestException.class, () -> bench.commands.routes().update(bench.state, routeId, route(null, "nope")));
    bench.run(s -> bench.commands.routes().update(s, routeId, route(null, integrationId)));
    assertEquals(integrationId, bench.state.config().routes().get(routeId).targetIntegrationId());
  }

  @Test
  void routeResponseSelectionExpressionMayOnlyBeDefault() {
    Bench bench = new Bench().withApi();
    Route twoWay = Route.builder().routeKey("a").routeResponseSelectionExpression("$default").build();
    Route other = Route.builder().routeKey("b").routeResponseSelectionExpression("$request.body.x").build();
    bench.route(twoWay);
    assertContains("only $default",
        rejects(BadRequestException.class, () -> bench.commands.routes().create(bench.state, other)));
  }

  @Test
  void authorizationTypeIsCheckedAndCustomNeedsAnAuthorizer() {
    Bench bench = new Bench().withApi();
    assertContains("Invalid authorizationType specified: BASIC", rejects(BadRequestException.class,
        () -> bench.commands.routes().create(bench.state, Route.builder().routeKey("a").authorizationType("BASIC")
            .build())));
    assertContains("Invalid authorizer identifier", rejects(BadRequestException.class,
        () -> bench.commands.routes().create(bench.state, Route.builder().routeKey("a").authorizationType("CUSTOM")
            .build())));
    bench.route(Route.builder().routeKey("a").authorizationType("AWS_IAM").build());
  }

  @Test
  void routeModelSelectionExpressionIsChecked() {
    Bench bench = new Bench().withApi();
    rejects(BadRequestException.class, () -> bench.commands.routes().create(bench.state,
        Route.builder().routeKey("a").modelSelectionExpression("$integration.response.statuscode").build()));
  }

  // ---- Integrations -----------------------------------------------------------------------------------------

  @Test
  void mockIntegrationGetsApiGatewayDefaults() {
    Bench bench = new Bench().withApi();
    String id = bench.integration(mock());

    Integration integration = bench.state.config().integrations().get(id);
    assertEquals("i1", integration.integrationId());
    assertEquals("WHEN_NO_MATCH", integration.passthroughBehavior());
    assertEquals(29000, integration.timeoutInMillis());
    assertEquals("INTERNET", integration.connectionType());
    assertEquals("1.0", integration.payloadFormatVersion());
    assertEquals("${response.statuscode}", integration.integrationResponseSelectionExpression());
  }

  @Test
  void httpIntegrationSelectsResponsesOnTheStatusCode() {
    Bench bench = new Bench().withApi();
    String id = bench.integration(integration("HTTP").integrationMethod("POST").integrationUri("https://example.com/")
        .build());
    assertEquals("${response.statuscode}",
        bench.state.config().integrations().get(id).integrationResponseSelectionExpression());
  }

  @Test
  void proxyIntegrationsGetNoResponseSelectionExpression() {
    Bench bench = new Bench().withApi();
    String http = bench.integration(integration("HTTP_PROXY").integrationMethod("ANY")
        .integrationUri("https://example.com/{proxy}").build());
    String lambda = bench.integration(integration("AWS_PROXY").integrationUri(
        "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:fn/invocations").build());

    assertNull(bench.state.config().integrations().get(http).integrationResponseSelectionExpression());
    Integration lambdaProxy = bench.state.config().integrations().get(lambda);
    assertNull(lambdaProxy.integrationResponseSelectionExpression());
    assertEquals("POST", lambdaProxy.integrationMethod());
  }

  @Test
  void awsIntegrationSelectsResponsesOnTheErrorMessage() {
    Bench bench = new Bench().withApi();
    String id = bench.integration(integration("AWS").integrationUri("arn:aws:apigateway:us-east-1:lambda:x")
        .build());
    assertEquals("${integration.response.body.errorMessage}",
        bench.state.config().integrations().get(id).integrationResponseSelectionExpression());
  }

  @Test
  void everyEnumeratedIntegrationFieldIsRejectedWithItsName() {
    Bench bench = new Bench().withApi();
    Map<String, Function<Integration.Builder, Integration.Builder>> invalid = Map.of(
        "integrationType", spec -> spec.integrationType("SOAP"),
        "passthroughBehavior", spec -> spec.passthroughBehavior("SOMETIMES"),
        "connectionType", spec -> spec.connectionType("CABLE"),
        "contentHandlingStrategy", spec -> spec.contentHandlingStrategy("CONVERT_TO_MORSE"),
        "integrationMethod", spec -> spec.integrationMethod("FETCH"),
        "payloadFormatVersion", spec -> spec.payloadFormatVersion("2.0"));
    invalid.forEach((field, breaks) -> {
      Integration input = breaks.apply(integration("MOCK")).build();
      String message =
          rejects(BadRequestException.class, () -> bench.commands.integrations().create(bench.state, input));
      assertContains("Invalid " + field, message);
    });
    assertEquals("integrationType is required", rejects(BadRequestException.class,
        () -> bench.commands.integrations().create(bench.state, Integration.builder().build())));
  }

  @Test
  void everyValidEnumeratedValueIsAccepted() {
    Bench bench = new Bench().withApi();
    for (String behavior : List.of("WHEN_NO_MATCH", "NEVER", "WHEN_NO_TEMPLATES")) {
      bench.integration(integration("MOCK").passthroughBehavior(behavior).build());
    }
    for (String strategy : List.of("CONVERT_TO_BINARY", "CONVERT_TO_TEXT")) {
      bench.integration(integration("MOCK").contentHandlingStrategy(strategy).build());
    }
    assertEquals(5, bench.state.config().integrations().size());
  }

  @Test
  void timeoutMustBeBetween50And29000Milliseconds() {
    Bench bench = new Bench().withApi();
    for (int rejected : new int[] {49, 29001, 0, -1}) {
      assertContains("50-29000", rejects(BadRequestException.class, () -> bench.commands.integrations().create(
          bench.state, integration("MOCK").timeoutInMillis(rejected).build())));
    }
    String fastest = bench.integration(integration("MOCK").timeoutInMillis(50).build());
    String slowest = bench.integration(integration("MOCK").timeoutInMillis(29000).build());
    assertEquals(50, bench.state.config().integrations().get(fastest).timeoutInMillis());
    assertEquals(29000, bench.state.config().integrations().get(slowest).timeoutInMillis());
  }

  @Test
  void everyTypeButMockNeedsAUri() {
    Bench bench = new Bench().withApi();
    for (String type : List.of("HTTP", "HTTP_PROXY", "AWS", "AWS_PROXY")) {
      assertContains("Integration URI is required for integration type " + type, rejects(BadRequestException.class,
          () -> bench.commands.integrations().create(bench.state, integration(type).integrationMethod("POST")
              .build())));
    }
  }

  @Test
  void httpIntegrationUriMustBeAnHttpUrlOrAStageVariable() {
    Bench bench = new Bench().withApi();
    assertContains("http(s) URL", rejects(BadRequestException.class, () -> bench.commands.integrations().create(
        bench.state, integration("HTTP").integrationMethod("GET").integrationUri("ftp://example.com").build())));
    bench.integration(integration("HTTP").integrationMethod("GET").integrationUri("http://example.com").build());
    bench.integration(integration("HTTP_PROXY").integrationMethod("GET").integrationUri("https://example.com").build());
    bench.integration(
        integration("HTTP").integrationMethod("GET").integrationUri("${stageVariables.backend}/x").build());
    assertEquals(3, bench.state.config().integrations().size());
  }

  @Test
  void httpIntegrationNeedsAMethod() {
    Bench bench = new Bench().withApi();
    assertContains("integration method is required", rejects(BadRequestException.class,
        () -> bench.commands.integrations().create(bench.state,
            integration("HTTP").integrationUri("https://example.com").build())));
  }

  @Test
  void awsIntegrationUriMustBeAnArn() {
    Bench bench = new Bench().withApi();
    for (String type : List.of("AWS", "AWS_PROXY")) {
      assertContains("ARN", rejects(BadRequestException.class, () -> bench.commands.integrations().create(
          bench.state, integration(type).integrationUri("https://lambda.example.com").build())));
    }
  }

  @Test
  void vpcLinkConnectionNeedsAConnectionId() {
    Bench bench = new Bench().withApi();
    Integration.Builder spec = integration("HTTP").integrationMethod("GET")
        .integrationUri("https://internal.example.com").connectionType("VPC_LINK");
    assertContains("connectionId", rejects(BadRequestException.class,
        () -> bench.commands.integrations().create(bench.state, spec.build())));
    String id = bench.integration(spec.connectionId("vpclink1").build());
    assertEquals("vpclink1", bench.state.config().integrations().get(id).connectionId());
  }

  @Test
  void invalidRequestTemplateIsAnInvalidMappingExpression() {
    Bench bench = new Bench().withApi();
    String message = rejects(BadRequestException.class, () -> bench.commands.integrations().create(bench.state,
        integration("MOCK").requestTemplates(Map.of("application/json", "{ #if( }")).build()));
    assertTrue(message.startsWith("Invalid mapping expression"), message);
  }

  @Test
  void aTemplateSyntaxErrorNamesTheTemplateLineAndColumn() {
    Bench bench = new Bench().withApi();
    String message = rejects(BadRequestException.class, () -> bench.commands.integrations().create(bench.state,
        integration("MOCK").requestTemplates(Map.of("application/json", "{\n  \"a\": 1,\n  #foreach( }")).build()));
    assertContains("requestTemplates application/json", message);
    assertContains("line 3, column", message);
  }

  @Test
  void requestTemplatesLargerThan300KilobytesAreRejected() {
    Bench bench = new Bench().withApi();
    String atQuota = "x".repeat(300 * 1024);
    bench.integration(integration("MOCK").requestTemplates(Map.of("$default", atQuota)).build());
    String message = rejects(BadRequestException.class, () -> bench.commands.integrations().create(bench.state,
        integration("MOCK").requestTemplates(Map.of("$default", atQuota + "x")).build()));
    assertTrue(message.startsWith("Invalid mapping expression"), message);
    assertContains("307200", message);
  }

  @Test
  void requestTemplateKeysHaveOneTo255Characters() {
    Bench bench = new Bench().withApi();
    rejects(BadRequestException.class, () -> bench.commands.integrations().create(bench.state,
        integration("MOCK").requestTemplates(Map.of("", ECHO_TEMPLATE)).build()));
    rejects(BadRequestException.class, () -> bench.commands.integrations().create(bench.state,
        integration("MOCK").requestTemplates(Map.of("k".repeat(256), ECHO_TEMPLATE)).build()));
    bench.integration(integration("MOCK").requestTemplates(Map.of("k".repeat(255), ECHO_TEMPLATE))
        .build());
  }

  @Test
  void templateSelectionExpressionMayOnlyReadTheRequestBody() {
    Bench bench = new Bench().withApi();
    rejects(BadRequestException.class, () -> bench.commands.integrations().create(bench.state,
        integration("MOCK").templateSelectionExpression("$request.header.content-type").build()));
    bench.integration(integration("MOCK").templateSelectionExpression("$request.body.type").build());
  }

  @Test
  void requestParameterKeysAndValuesFollowApiGatewayMappingSyntax() {
    Bench bench = new Bench().withApi();
    Map<String, String> valid = Map.of(
        "integration.request.header.x-static", "'fixed value'",
        "integration.request.header.x-from-header", "route.request.header.Authorization",
        "integration.request.querystring.q", "route.request.querystring.q",
        "integration.request.path.id", "route.request.body.id",
        "integration.request.header.x-request", "context.requestId",
        "integration.request.header.x-stage", "stageVariables.backend",
        "integration.request.header.x-tags", "route.request.multivalueheader.x-tag",
        "integration.request.querystring.rooms", "route.request.multivaluequerystring.room");
    String id = bench.integration(integration("HTTP").integrationMethod("GET").integrationUri("https://example.com")
        .requestParameters(valid).build());
    assertEquals(valid, bench.state.config().integrations().get(id).requestParameters());

    for (Map<String, String> invalid : List.of(
        Map.of("method.request.header.x", "'v'"),
        Map.of("integration.request.cookie.x", "'v'"),
        Map.of("integration.request.header.x", "request.header.x"),
        Map.of("integration.request.header.x", "route.request.header."),
        Map.of("integration.request.header.x", "'unterminated"),
        Map.of("integration.request.header.x", "route.request.multivalueheaders.x"),
        Map.of("integration.request.header.x", "route.request.body.items[?(@.a"))) {
      String message = rejects(BadRequestException.class,
          () -> bench.commands.integrations().create(bench.state, integration("HTTP").integrationMethod("GET")
              .integrationUri("https://example.com").requestParameters(invalid).build()));
      assertContains("Invalid mapping expression specified", message);
      Map.Entry<String, String> bad = invalid.entrySet().iterator().next();
      assertTrue(message.contains(bad.getKey()) || message.contains(bad.getValue()), message);
    }
  }

  @Test
  void updateIntegrationChangesOnlyTheFieldsSent() {
    Bench bench = new Bench().withApi();
    String id = bench.integration(integration("MOCK").passthroughBehavior("NEVER").build());
    bench.run(s -> bench.commands.integrations().update(s, id, Integration.builder().timeoutInMillis(1000).build()));

    Integration integration = bench.state.config().integrations().get(id);
    assertEquals(1000, integration.timeoutInMillis());
    assertEquals("NEVER", integration.passthroughBehavior());
    assertEquals("MOCK", integration.integrationType());
    assertEquals("${response.statuscode}", integration.integrationResponseSelectionExpression());
  }

  @Test
  void updateIntegrationChecksTheMergedIntegration() {
    Bench bench = new Bench().withApi();
    String id = bench.integration(mock());
    assertContains("Integration URI is required", rejects(BadRequestException.class,
        () -> bench.commands.integrations().update(bench.state, id, integration("HTTP").build())));
    rejects(BadRequestException.class,
        () -> bench.commands.integrations()
            .update(bench.state, id, Integration.builder().timeoutInMillis(29001).build()));
  }

  @Test
  void changingTheIntegrationTypeReplacesTheOldTypesDefaultResponseSelection() {
    Bench bench = new Bench().withApi();
    String toLambda = bench.integration(mock());
    String toProxy = bench.integration(mock());

    bench.run(s -> bench.commands.integrations().update(s, toLambda,
        integration("AWS").integrationUri("arn:aws:apigateway:us-east-1:lambda:x").build()));
    bench.run(s -> bench.commands.integrations().update(s, toProxy,
        integration("HTTP_PROXY").integrationMethod("ANY").integrationUri("https://example.com").build()));

    assertEquals("${integration.response.body.errorMessage}",
        bench.state.config().integrations().get(toLambda).integrationResponseSelectionExpression());
    assertNull(bench.state.config().integrations().get(toProxy).integrationResponseSelectionExpression());
  }

  @Test
  void changingTheIntegrationTypeKeepsAResponseSelectionTheCallerChose() {
    Bench bench = new Bench().withApi();
    String sentWithType = bench.integration(mock());
    String chosenEarlier = bench.integration(integration("MOCK")
        .integrationResponseSelectionExpression("$integration.response.header.x-kind").build());

    bench.run(s -> bench.commands.integrations().update(s, sentWithType,
        integration("AWS").integrationUri("arn:aws:apigateway:us-east-1:lambda:x")
            .integrationResponseSelectionExpression("$integration.response.statuscode").build()));
    bench.run(s -> bench.commands.integrations().update(s, chosenEarlier,
        integration("HTTP").integrationMethod("GET").integrationUri("https://example.com").build()));

    assertEquals("$integration.response.statuscode",
        bench.state.config().integrations().get(sentWithType).integrationResponseSelectionExpression());
    assertEquals("$integration.response.header.x-kind",
        bench.state.config().integrations().get(chosenEarlier).integrationResponseSelectionExpression());
  }

  @Test
  void deletingAnIntegrationARouteTargetsIsConflict() {
    Bench bench = apiWithDefaultRoute();
    assertContains("$default", rejects(ConflictException.class,
        () -> bench.commands.integrations().delete(bench.state, "i1")));
    bench.run(s -> bench.commands.routes().delete(s, "r1"));
    bench.run(s -> bench.commands.integrations().delete(s, "i1"));
    assertTrue(bench.state.config().integrations().isEmpty());
  }

  @Test
  void deletingAnIntegrationRemovesItsIntegrationResponses() {
    Bench bench = new Bench().withApi();
    String id = bench.integration(mock());
    bench.run(s -> bench.commands.responses().createIntegrationResponse(s, id, integrationResponse("$default")));
    bench.run(s -> bench.commands.integrations().delete(s, id));
    assertFalse(bench.state.config().integrationResponses().containsKey(id));
  }

  // ---- Integration responses --------------------------------------------------------------------------------

  @Test
  void integrationResponseKeysMayBeDefaultASlashedRegexOrABareStatus() {
    Bench bench = new Bench().withApi();
    String id = bench.integration(mock());
    for (String key : List.of("$default", "/2\\d\\d/", "200", "/4\\d\\d|5\\d\\d/")) {
      bench.run(s -> bench.commands.responses().createIntegrationResponse(s, id, integrationResponse(key)));
    }
    List<String> keys = bench.state.config().responsesOfIntegration(id).values().stream()
        .map(IntegrationResponse::integrationResponseKey).toList();
    assertEquals(List.of("$default", "/2\\d\\d/", "200", "/4\\d\\d|5\\d\\d/"), keys);
  }

  @Test
  void integrationResponseKeyPatternsMatchAsTheDataPlaneWill() {
    assertNull(ResponseRules.responseKeyPattern("$default"));
    Pattern twoHundreds = ResponseRules.responseKeyPattern("/2\\d\\d/");
    assertTrue(twoHundreds.matcher("204").matches());
    assertFalse(twoHundreds.matcher("404").matches());
    assertTrue(ResponseRules.responseKeyPattern("200").matcher("200").matches());
  }

  @Test
  void integrationResponseKeyThatIsNotARegexIsRejected() {
    Bench bench = new Bench().withApi();
    String id = bench.integration(mock());
    for (String key : List.of("/[/", "(", "//")) {
      assertContains("Invalid integration response key specified", rejects(BadRequestException.class,
          () -> bench.commands.responses().createIntegrationResponse(bench.state, id, integrationResponse(key))));
    }
    assertEquals("integrationResponseKey is required", rejects(BadRequestException.class,
        () -> bench.commands.responses().createIntegrationResponse(bench.state, id, integrationResponse(null))));
  }

  @Test
  void duplicateIntegrationResponseKeyIsConflict() {
    Bench bench = new Bench().withApi();
    String id = bench.integration(mock());
    bench.run(s -> bench.commands.responses().createIntegrationResponse(s, id, integrationResponse("/2\\d\\d/")));
    String other = bench.run(
        s -> bench.commands.responses().createIntegrationResponse(s, id, integrationResponse("$default")));

    rejects(ConflictException.class,
        () -> bench.commands.responses().createIntegrationResponse(bench.state, id, integrationResponse("/2\\d\\d/")));
    rejects(ConflictException.class, () -> bench.commands.responses().updateIntegrationResponse(bench.state, id, other,
        integrationResponse("/2\\d\\d/")));
    bench.run(s -> bench.commands.responses().updateIntegrationResponse(s, id, other, integrationResponse("$default")));
  }

  @Test
  void integrationResponseTemplatesAreCompiled() {
    Bench bench = new Bench().withApi();
    String id = bench.integration(mock());
    IntegrationResponse broken =
        new IntegrationResponse(null, "$default", Map.of("$default", "#foreach("), null, null, null);
    String message = rejects(BadRequestException.class,
        () -> bench.commands.responses().createIntegrationResponse(bench.state, id, broken));
    assertTrue(message.startsWith("Invalid mapping expression"), message);
  }

  // ---- Route responses --------------------------------------------------------------------------------------

  @Test
  void theOnlyRouteResponseKeyIsDefault() {
    Bench bench = apiWithDefaultRoute();
    assertContains("only the $default route response", rejects(BadRequestException.class,
        () -> bench.commands.responses().createRouteResponse(bench.state, "r1", routeResponse("200"))));
    bench.run(s -> bench.commands.responses().createRouteResponse(s, "r1", routeResponse("$default")));
    rejects(ConflictException.class,
        () -> bench.commands.responses().createRouteResponse(bench.state, "r1", routeResponse("$default")));
  }

  @Test
  void deletingARouteRemovesItsRouteResponses() {
    Bench bench = apiWithDefaultRoute();
    bench.run(s -> bench.commands.responses().createRouteResponse(s, "r1", routeResponse("$default")));
    assertEquals(1, bench.state.config().responsesOfRoute("r1").size());

    bench.run(s -> bench.commands.routes().delete(s, "r1"));

    assertFalse(bench.state.config().routeResponses().containsKey("r1"));
    assertTrue(bench.state.config().responsesOfRoute("r1").isEmpty());
  }

  // ---- Stages -----------------------------------------------------------------------------------------------

  @Test
  void createStageFillsApiGatewayDefaults() {
    Bench bench = new Bench().withApi();
    bench.stage(stage("dev"));

    Stage stage = bench.state.stages().get("dev");
    assertEquals(false, stage.autoDeploy());
    assertNull(stage.deploymentId());
    assertEquals(Map.of(), stage.stageVariables());
    assertEquals(RouteSettings.DEFAULT, stage.defaultRouteSettings());
    assertEquals(NOW, stage.createdDate());
    assertEquals(NOW, stage.lastUpdatedDate());
  }

  @Test
  void stageNamesAreOneTo128LettersDigitsHyphensOrUnderscores() {
    Bench bench = new Bench().withApi();
    bench.stage(stage("prod-2_eu"));
    bench.stage(stage("s".repeat(128)));
    for (String name : List.of("", "with space", "dot.ted", "s".repeat(129), "ünï")) {
      assertContains("Invalid stage name",
          rejects(BadRequestException.class, () -> bench.commands.stages().create(bench.state, stage(name))));
    }
    assertEquals("stageName is required",
        rejects(BadRequestException.class, () -> bench.commands.stages().create(bench.state, stage(null))));
  }

  @Test
  void theDefaultStageIsForHttpApisOnly() {
    Bench bench = new Bench().withApi();
    assertContains("HTTP APIs",
        rejects(BadRequestException.class, () -> bench.commands.stages().create(bench.state, stage("$default"))));
  }

  @Test
  void duplicateStageIsConflict() {
    Bench bench = new Bench().withApi();
    bench.stage(stage("dev"));
    assertEquals("Stage dev already exists",
        rejects(ConflictException.class, () -> bench.commands.stages().create(bench.state, stage("dev"))));
  }

  @Test
  void stageMustPointAtAnExistingDeployment() {
    Bench bench = apiWithDefaultRoute();
    assertEquals("Invalid deployment identifier specified: nope", rejects(BadRequestException.class,
        () -> bench.commands.stages().create(bench.state,
            Stage.builder().stageName("dev").deploymentId("nope").build())));
    String deploymentId = bench.deploy(null);
    bench.stage(Stage.builder().stageName("dev").deploymentId(deploymentId).build());
    bench.stage(stage("qa"));
    rejects(BadRequestException.class, () -> bench.commands.stages().update(bench.state, "qa",
        Stage.builder().deploymentId("nope").build()));
    bench.run(s -> bench.commands.stages().update(s, "qa", Stage.builder().deploymentId(deploymentId).build()));
    assertEquals(deploymentId, bench.state.stages().get("qa").deploymentId());
  }

  @Test
  void stageVariableNamesAndValuesFollowApiGatewayRules() {
    Bench bench = new Bench().withApi();
    Map<String, String> valid = Map.of(
        "backend_url", "https://example.com:8443/a?b=c&d=e#f,g~h",
        "n".repeat(64), "v".repeat(2048),
        "empty", "");
    bench.stage(Stage.builder().stageName("dev").stageVariables(valid).build());
    assertEquals(valid, bench.state.stages().get("dev").stageVariables());

    for (String name : List.of("with-hyphen", "n".repeat(65), "", "dot.ted")) {
      assertContains("Invalid stage variable name", rejects(BadRequestException.class,
          () -> bench.commands.stages().create(bench.state, Stage.builder().stageName("qa")
              .stageVariables(Map.of(name, "v")).build())));
    }
    for (String value : List.of("has space", "v".repeat(2049), "quote\"", "semi;colon", "per%cent")) {
      assertContains("Invalid value for stage variable", rejects(BadRequestException.class,
          () -> bench.commands.stages().create(bench.state, Stage.builder().stageName("qa")
              .stageVariables(Map.of("v", value)).build())));
    }
  }

  @Test
  void loggingLevelIsErrorInfoOrOff() {
    Bench bench = new Bench().withApi();
    RouteSettings debug = new RouteSettings(null, null, "DEBUG", null, null);
    assertContains("Invalid defaultRouteSettings.loggingLevel specified: DEBUG", rejects(BadRequestException.class,
        () -> bench.commands.stages().create(bench.state, Stage.builder().stageName("dev").defaultRouteSettings(debug)
            .build())));
    assertContains("Invalid routeSettings.join.loggingLevel specified: DEBUG", rejects(BadRequestException.class,
        () -> bench.commands.stages().create(bench.state, Stage.builder().stageName("dev")
            .routeSettings(Map.of("join", debug)).build())));

    bench.stage(Stage.builder().stageName("dev")
        .defaultRouteSettings(new RouteSettings(null, null, "INFO", null, null)).build());
    RouteSettings settings = bench.state.stages().get("dev").defaultRouteSettings();
    assertEquals("INFO", settings.loggingLevel());
    assertEquals(false, settings.dataTraceEnabled());
  }

  @Test
  void throttlingLimitsMayNotBeNegative() {
    Bench bench = new Bench().withApi();
    rejects(BadRequestException.class, () -> bench.commands.stages().create(bench.state,
        Stage.builder().stageName("dev").defaultRouteSettings(new RouteSettings(null, null, null, -1, null)).build()));
    rejects(BadRequestException.class, () -> bench.commands.stages().create(bench.state,
        Stage.builder().stageName("dev").defaultRouteSettings(new RouteSettings(null, null, null, null, -0.5))
            .build()));
  }

  @Test
  void routeSettingsWithoutAValueAreABadRequest() {
    Bench bench = new Bench().withApi();
    Map<String, RouteSettings> missing = new java.util.HashMap<>();
    missing.put("join", null);
    assertContains("routeSettings.join", rejects(BadRequestException.class,
        () -> bench.commands.stages().create(bench.state,
            Stage.builder().stageName("dev").routeSettings(missing).build())));
  }

  @Test
  void updateStageChangesOnlyTheFieldsSent() {
    Bench bench = new Bench().withApi();
    bench.stage(Stage.builder().stageName("dev").stageVariables(Map.of("a", "1")).build());
    bench.run(s -> bench.commands.stages().update(s, "dev",
        Stage.builder().defaultRouteSettings(new RouteSettings(null, true, null, null, null)).build()));

    Stage stage = bench.state.stages().get("dev");
    assertEquals(Map.of("a", "1"), stage.stageVariables());
    assertEquals(true, stage.defaultRouteSettings().detailedMetricsEnabled());
    assertEquals("OFF", stage.defaultRouteSettings().loggingLevel());
  }

  // ---- Deployments ------------------------------------------------------------------------------------------

  @Test
  void deployingAnApiWithoutRoutesIsBadRequest() {
    Bench bench = new Bench().withApi();
    bench.integration(mock());
    bench.stage(stage("dev"));
    assertEquals(NO_ROUTES,
        rejects(BadRequestException.class, () -> bench.commands.deployments().create(bench.state, null, null)));
    assertEquals(NO_ROUTES,
        rejects(BadRequestException.class, () -> bench.commands.deployments().create(bench.state, "dev", null)));
  }

  @Test
  void deploymentWithAStageNamePointsTheStageAtIt() {
    Bench bench = apiWithDefaultRoute();
    bench.stage(stage("dev"));
    String id = bench.run(s -> bench.commands.deployments().create(s, "dev", "first"));

    Deployment deployment = bench.state.deployment(id);
    assertEquals("first", deployment.description());
    assertEquals(Deployment.DEPLOYED, deployment.deploymentStatus());
    assertEquals(false, deployment.autoDeployed());
    assertEquals(NOW, deployment.createdDate());
    assertEquals(id, bench.state.stages().get("dev").deploymentId());
    assertEquals(List.of(ApiEvent.DeploymentCreated.class, ApiEvent.StageUpdated.class), bench.lastEventTypes());
  }

  @Test
  void deploymentWithoutAStageNameLeavesStagesAlone() {
    Bench bench = apiWithDefaultRoute();
    bench.stage(stage("dev"));
    String id = bench.deploy(null);
    assertNull(bench.state.stages().get("dev").deploymentId());
    assertEquals(List.of(ApiEvent.DeploymentCreated.class), bench.lastEventTypes());
    assertTrue(bench.state.deployments().containsKey(id));
  }

  @Test
  void deploymentToAnUnknownStageIsNotFound() {
    Bench bench = apiWithDefaultRoute();
    assertEquals("Invalid stage identifier specified prod",
        rejects(NotFoundException.class, () -> bench.commands.deployments().create(bench.state, "prod", null)));
  }

  @Test
  void aDeploymentFreezesTheConfig() {
    Bench bench = apiWithDefaultRoute();
    bench.stage(stage("dev"));
    String id = bench.deploy("dev");
    ApiConfig frozen = bench.state.deployments().get(id).config();
    Map<String, Route> routesWhenDeployed = Map.copyOf(frozen.routes());

    bench.run(s -> bench.commands.routes().update(s, "r1", route("$connect")));
    bench.route(route("join", "i1"));
    bench.run(s -> bench.commands.responses().createRouteResponse(s, "r1", routeResponse("$default")));
    bench.run(s -> bench.commands.integrations().update(s, "i1", Integration.builder().timeoutInMillis(100).build()));
    bench.run(s -> bench.commands.apis().update(s, api(null, null, "$request.body.type")));

    ApiConfig after = bench.state.deployments().get(id).config();
    assertSame(frozen, after);
    assertEquals(routesWhenDeployed, after.routes());
    assertEquals("$default", after.routes().get("r1").routeKey());
    assertTrue(after.routeResponses().isEmpty());
    assertEquals(29000, after.integrations().get("i1").timeoutInMillis());
    assertEquals("$request.body.action", after.api().routeSelectionExpression());
    assertNotEquals(after, bench.state.config());
  }

  @Test
  void updatingADeploymentChangesItsDescriptionOnly() {
    Bench bench = apiWithDefaultRoute();
    String id = bench.deploy(null);
    ApiConfig frozen = bench.state.deployments().get(id).config();
    bench.run(s -> bench.commands.deployments().update(s, id, "renamed"));

    assertEquals("renamed", bench.state.deployment(id).description());
    assertSame(frozen, bench.state.deployments().get(id).config());
  }

  @Test
  void deletingADeploymentAStageUsesIsBadRequest() {
    Bench bench = apiWithDefaultRoute();
    bench.stage(stage("dev"));
    String first = bench.deploy("dev");
    assertContains("stage dev",
        rejects(BadRequestException.class, () -> bench.commands.deployments().delete(bench.state, first)));

    bench.deploy("dev");
    bench.run(s -> bench.commands.deployments().delete(s, first));
    assertNull(bench.state.deployment(first));
  }

  // ---- autoDeploy -------------------------------------------------------------------------------------------

  @Test
  void creatingAnAutoDeployStageDeploysAtOnceWhenRoutesExist() {
    Bench bench = apiWithDefaultRoute();
    bench.stage(autoDeployStage("live"));

    assertEquals(List.of(ApiEvent.StageCreated.class, ApiEvent.DeploymentCreated.class, ApiEvent.StageUpdated.class),
        bench.lastEventTypes());
    Stage stage = bench.state.stages().get("live");
    Deployment deployment = bench.state.deployment(stage.deploymentId());
    assertEquals(true, deployment.autoDeployed());
    assertEquals("Successfully deployed stage with deployment ID '" + deployment.deploymentId() + "'",
        stage.lastDeploymentStatusMessage());
    assertEquals("r1", bench.state.deploymentOf(stage).config().routes().get("r1").routeId());
  }

  @Test
  void creatingAnAutoDeployStageWithoutRoutesRecordsTheFailure() {
    Bench bench = new Bench().withApi();
    bench.stage(autoDeployStage("live"));

    assertEquals(List.of(ApiEvent.StageCreated.class, ApiEvent.StageUpdated.class), bench.lastEventTypes());
    Stage stage = bench.state.stages().get("live");
    assertNull(stage.deploymentId());
    assertEquals("Deployment attempt failed: " + NO_ROUTES, stage.lastDeploymentStatusMessage());
    assertTrue(bench.state.deployments().isEmpty());
  }

  @Test
  void everyRouteIntegrationAndResponseChangeRedeploysEachAutoDeployStage() {
    Bench bench = apiWithDefaultRoute();
    ApiCommands c = bench.commands;
    bench.stage(autoDeployStage("a"));
    bench.stage(autoDeployStage("b"));
    bench.stage(stage("manual"));
    bench.deploy("manual");

    String join = redeploysBoth(bench, s -> c.routes().create(s, route("join", "i1")));
    redeploysBoth(bench, s -> c.routes().update(s, join, route("enter")));
    String rr = redeploysBoth(bench, s -> c.responses().createRouteResponse(s, join, routeResponse("$default")));
    redeploysBoth(bench, s -> c.responses().updateRouteResponse(s, join, rr, routeResponse("$default")));
    redeploysBoth(bench, s -> c.responses().deleteRouteResponse(s, join, rr));
    String other = redeploysBoth(bench, s -> c.integrations().create(s, mock()));
    redeploysBoth(bench, s -> c.integrations().update(s, other, Integration.builder().timeoutInMillis(500).build()));
    String ir = redeploysBoth(bench,
        s -> c.responses().createIntegrationResponse(s, other, integrationResponse("$default")));
    redeploysBoth(bench, s -> c.responses().updateIntegrationResponse(s, other, ir, integrationResponse("/2\\d\\d/")));
    redeploysBoth(bench, s -> c.responses().deleteIntegrationResponse(s, other, ir));
    redeploysBoth(bench, s -> c.integrations().delete(s, other));
    redeploysBoth(bench, s -> c.routes().delete(s, join));
  }

  // Runs a change on an API with autoDeploy stages a and b and a manually deployed stage; checks that the change is
  // followed, per autoDeploy stage, by a new deployment of the changed config and the stage moving to it.
  private static String redeploysBoth(Bench bench, Function<ApiState, Decision> change) {
    String before = bench.state.stages().get("a").deploymentId();
    String manual = bench.state.stages().get("manual").deploymentId();
    String id = bench.run(change);

    List<ApiEvent> events = bench.lastEvents;
    assertEquals(5, events.size(), () -> "events: " + events);
    List<String> redeployed = new ArrayList<>();
    for (int i : new int[] {1, 3}) {
      ApiEvent.DeploymentCreated created = assertInstanceOf(ApiEvent.DeploymentCreated.class, events.get(i));
      ApiEvent.StageUpdated updated = assertInstanceOf(ApiEvent.StageUpdated.class, events.get(i + 1));
      assertEquals(true, created.deployment().autoDeployed());
      assertEquals(created.deployment().deploymentId(), updated.stage().deploymentId());
      redeployed.add(updated.stage().stageName());
    }
    assertEquals(List.of("a", "b"), redeployed);
    assertNotEquals(before, bench.state.stages().get("a").deploymentId());
    assertSame(bench.state.config(), bench.state.deploymentOf(bench.state.stages().get("a")).config());
    assertSame(bench.state.config(), bench.state.deploymentOf(bench.state.stages().get("b")).config());
    assertEquals(manual, bench.state.stages().get("manual").deploymentId());
    return id;
  }

  @Test
  void aChangeThatLeavesNoRoutesRecordsAFailureAndKeepsTheLastDeployment() {
    Bench bench = apiWithDefaultRoute();
    bench.stage(autoDeployStage("live"));
    String served = bench.state.stages().get("live").deploymentId();

    bench.run(s -> bench.commands.routes().delete(s, "r1"));

    assertEquals(List.of(ApiEvent.RouteDeleted.class, ApiEvent.StageUpdated.class), bench.lastEventTypes());
    Stage stage = bench.state.stages().get("live");
    assertEquals(served, stage.deploymentId());
    assertEquals("Deployment attempt failed: " + NO_ROUTES, stage.lastDeploymentStatusMessage());
  }

  @Test
  void turningAutoDeployOnDeploysAtOnce() {
    Bench bench = apiWithDefaultRoute();
    bench.stage(stage("dev"));
    bench.run(s -> bench.commands.stages().update(s, "dev", Stage.builder().autoDeploy(true).build()));

    assertEquals(List.of(ApiEvent.StageUpdated.class, ApiEvent.DeploymentCreated.class, ApiEvent.StageUpdated.class),
        bench.lastEventTypes());
    assertTrue(bench.state.deployment(bench.state.stages().get("dev").deploymentId()).autoDeployed());
  }

  @Test
  void stageAndDeploymentChangesDoNotRedeploy() {
    Bench bench = apiWithDefaultRoute();
    bench.stage(autoDeployStage("live"));
    bench.run(s -> bench.commands.stages().update(s, "live", Stage.builder().stageVariables(Map.of("a", "b")).build()));
    assertEquals(List.of(ApiEvent.StageUpdated.class), bench.lastEventTypes());
    String id = bench.deploy(null);
    assertEquals(List.of(ApiEvent.DeploymentCreated.class), bench.lastEventTypes());
    bench.run(s -> bench.commands.deployments().update(s, id, "x"));
    assertEquals(List.of(ApiEvent.DeploymentUpdated.class), bench.lastEventTypes());
  }

  // ---- Revisions --------------------------------------------------------------------------------------------

  @Test
  void revisionIncrementsOncePerEvent() {
    Bench bench = new Bench();
    List<ApiEvent> all = new ArrayList<>();
    List<Function<ApiState, Decision>> commands = List.of(
        s -> bench.commands.apis().create(s, "api1", websocketApi("chat")),
        s -> bench.commands.integrations().create(s, mock()),
        s -> bench.commands.stages().create(s, autoDeployStage("live")),
        s -> bench.commands.routes().create(s, route("$default", "i1")),
        s -> bench.commands.routes().delete(s, "r1"));
    for (Function<ApiState, Decision> command : commands) {
      long before = bench.state.revision();
      bench.run(command);
      all.addAll(bench.lastEvents);
      assertEquals(before + bench.lastEvents.size(), bench.state.revision());
    }
    assertEquals(all.size(), bench.state.revision());
    assertEquals(1, ApiState.EMPTY.apply(all.get(0)).revision());
  }

  // ---- NotFound ---------------------------------------------------------------------------------------------

  @Test
  void everyCommandOnAnUnknownApiIsNotFound() {
    ApiCommands commands = ConfigFixtures.commands();
    ApiState none = ApiState.EMPTY;
    List<Executable> calls = List.of(
        () -> commands.apis().update(none, websocketApi("x")),
        () -> commands.apis().delete(none),
        () -> commands.routes().create(none, route("a")),
        () -> commands.integrations().create(none, mock()),
        () -> commands.stages().create(none, stage("dev")),
        () -> commands.deployments().create(none, null, null),
        () -> commands.deployments().delete(none, "d"),
        () -> Validation.existing(none));
    for (Executable call : calls) {
      assertEquals("Invalid API identifier specified", rejects(NotFoundException.class, call));
    }
  }

  @Test
  void unknownResourcesAreNotFoundByName() {
    Bench bench = apiWithDefaultRoute();
    ApiCommands c = bench.commands;
    ApiState s = bench.state;
    assertEquals("Invalid Route identifier specified nope",
        rejects(NotFoundException.class, () -> c.routes().update(s, "nope", route("x"))));
    assertEquals("Invalid Route identifier specified nope",
        rejects(NotFoundException.class, () -> c.routes().delete(s, "nope")));
    assertEquals("Invalid Route identifier specified nope",
        rejects(NotFoundException.class,
            () -> c.responses().createRouteResponse(s, "nope", routeResponse("$default"))));
    assertEquals("Invalid RouteResponse identifier specified nope",
        rejects(NotFoundException.class, () -> c.responses().deleteRouteResponse(s, "r1", "nope")));
    assertEquals("Invalid Integration identifier specified nope",
        rejects(NotFoundException.class, () -> c.integrations().update(s, "nope", mock())));
    assertEquals("Invalid Integration identifier specified nope",
        rejects(NotFoundException.class, () -> c.integrations().delete(s, "nope")));
    assertEquals("Invalid Integration identifier specified nope", rejects(NotFoundException.class,
        () -> c.responses().createIntegrationResponse(s, "nope", integrationResponse("$default"))));
    assertEquals("Invalid IntegrationResponse identifier specified nope",
        rejects(NotFoundException.class, () -> c.responses().deleteIntegrationResponse(s, "i1", "nope")));
    assertEquals("Invalid stage identifier specified nope",
        rejects(NotFoundException.class, () -> c.stages().update(s, "nope", stage(null))));
    assertEquals("Invalid stage identifier specified nope",
        rejects(NotFoundException.class, () -> c.stages().delete(s, "nope")));
    assertEquals("Invalid Deployment identifier specified nope",
        rejects(NotFoundException.class, () -> c.deployments().update(s, "nope", "d")));
    assertEquals("Invalid Deployment identifier specified nope",
        rejects(NotFoundException.class, () -> c.deployments().delete(s, "nope")));
  }

  @Test
  void deletingAStageRemovesIt() {
    Bench bench = apiWithDefaultRoute();
    bench.stage(autoDeployStage("live"));
    bench.run(s -> bench.commands.stages().delete(s, "live"));
    assertFalse(bench.state.stages().containsKey("live"));
    assertEquals(List.of(ApiEvent.StageDeleted.class), bench.lastEventTypes());
  }
}
