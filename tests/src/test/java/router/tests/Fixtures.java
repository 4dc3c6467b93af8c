package router.tests;

import java.util.Map;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/** APIs the tests deploy through the AWS SDK. */
final class Fixtures {
  /** What the echo route answers. */
  static final String ECHO_REPLY = "{\"route\":\"echo\",\"ok\":true}";

  private Fixtures() {}

  /**
   * An API with a two-way MOCK route {@code echo} (replies {@link #ECHO_REPLY}) and a one-way MOCK {@code $default}
   * route, deployed to {@code stage}. Returns the API id.
   */
  static String deployEchoApi(ApiGatewayV2Client sdk, String stage) {
    String apiId = sdk.createApi(b -> b.name("restartable").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    String integrationId = sdk.createIntegration(b -> b.apiId(apiId).integrationType(IntegrationType.MOCK)
        .requestTemplates(Map.of("application/json", "{\"statusCode\":200}"))).integrationId();
    sdk.createIntegrationResponse(b -> b.apiId(apiId).integrationId(integrationId).integrationResponseKey("/2\\d\\d/")
        .responseTemplates(Map.of("$default", "{\"route\":\"$context.routeKey\",\"ok\":true}")));
    String routeId = sdk.createRoute(b -> b.apiId(apiId).routeKey("echo").routeResponseSelectionExpression("$default")
        .target("integrations/" + integrationId)).routeId();
    sdk.createRouteResponse(b -> b.apiId(apiId).routeId(routeId).routeResponseKey("$default"));
    sdk.createRoute(b -> b.apiId(apiId).routeKey("$default").target("integrations/" + integrationId));
    sdk.createStage(b -> b.apiId(apiId).stageName(stage).autoDeploy(true));
    return apiId;
  }
}
