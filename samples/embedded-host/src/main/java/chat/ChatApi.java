package chat;

import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.Api;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/**
 * The chat WebSocket API, created through the control plane with the AWS SDK — the calls the AWS CLI makes (see
 * the README) — unless an API of that name is already stored.
 */
public final class ChatApi {
  public static final String NAME = "chat";
  public static final String STAGE = "production";

  private ChatApi() {}

  /** The id of the chat API, created with its routes and an auto-deployed stage when missing. */
  public static String ensure(ApiGatewayV2Client sdk) {
    return sdk.getApis(b -> b.maxResults("500")).items().stream()
        .filter(api -> NAME.equals(api.name())).map(Api::apiId).findFirst()
        .orElseGet(() -> create(sdk));
  }

  private static String create(ApiGatewayV2Client sdk) {
    String apiId = sdk.createApi(b -> b.name(NAME).protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    String integrationId = sdk.createIntegration(b -> b.apiId(apiId).integrationType(IntegrationType.AWS_PROXY)
        .integrationUri("arn:aws:apigateway:us-east-1:actor:path/" + Lobby.SERVICE)).integrationId();
    String target = "integrations/" + integrationId;
    // joinroom is two-way: the client gets the room's answer. sendmessage and $disconnect are one-way.
    String joinRoute = sdk.createRoute(b -> b.apiId(apiId).routeKey("joinroom").target(target)
        .routeResponseSelectionExpression("$default")).routeId();
    sdk.createRouteResponse(b -> b.apiId(apiId).routeId(joinRoute).routeResponseKey("$default"));
    sdk.createRoute(b -> b.apiId(apiId).routeKey("sendmessage").target(target));
    sdk.createRoute(b -> b.apiId(apiId).routeKey("$disconnect").target(target));
    sdk.createStage(b -> b.apiId(apiId).stageName(STAGE).autoDeploy(true));
    return apiId;
  }
}
