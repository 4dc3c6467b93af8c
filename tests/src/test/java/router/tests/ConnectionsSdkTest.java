package router.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import router.integration.BackendKind;
import router.integration.EventContext;
import router.integration.IntegrationBackends;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.ForbiddenException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GetConnectionResponse;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.PayloadTooLargeException;

/**
 * The AWS SDK v2 management client (async, SigV4-signed requests) against a node, as against AWS:
 * PostToConnection, GetConnection, DeleteConnection and their modelled exceptions.
 */
class ConnectionsSdkTest {
  @TempDir static Path dataDir;
  static TestNode node;
  static final ConnectionsFixture.Lifecycle lifecycle = new ConnectionsFixture.Lifecycle();
  static String apiId;
  static ApiGatewayManagementApiAsyncClient management;

  @BeforeAll
  static void start() {
    node = TestNode.start(dataDir, Map.of(), IntegrationBackends.none().with(BackendKind.HTTP, lifecycle));
    apiId = ConnectionsFixture.deployApi(node.sdk, "prod");
    management = client(apiId, "prod");
  }

  @AfterAll
  static void stop() throws Exception {
    management.close();
    node.close();
  }

  private static ApiGatewayManagementApiAsyncClient client(String api, String stage) {
    return ApiGatewayManagementApiAsyncClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + node.node.executeApiAddress().getPort() + "/" + api
            + "/" + stage))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClientBuilder(NettyNioAsyncHttpClient.builder())
        .build();
  }

  private static <T> T await(java.util.concurrent.CompletableFuture<T> call) throws Exception {
    return call.get(10, TimeUnit.SECONDS);
  }

  private static Throwable failure(java.util.concurrent.CompletableFuture<?> call) {
    return assertThrows(ExecutionException.class, () -> call.get(10, TimeUnit.SECONDS)).getCause();
  }

  @Test
  void postGetAndDeleteWorkAsAgainstAws() throws Exception {
    long before = Instant.now().toEpochMilli();
    WsClient client = WsClient.connect(node.wsUrl(apiId, "prod"));
    String id = ConnectionsFixture.connectionId(client);

    await(management.postToConnection(b -> b.connectionId(id).data(SdkBytes.fromUtf8String("from the SDK"))));
    assertEquals("from the SDK", client.next());
    byte[] binary = {(byte) 0x80, (byte) 0xfe, 0x41};
    await(management.postToConnection(b -> b.connectionId(id).data(SdkBytes.fromByteArray(binary))));
    assertArrayEquals(binary, client.nextBinary());

    GetConnectionResponse description = await(management.getConnection(b -> b.connectionId(id)));
    assertTrue(description.connectedAt().toEpochMilli() >= before - 1000, description.toString());
    assertTrue(!description.lastActiveAt().isBefore(description.connectedAt()), description.toString());
    assertEquals("127.0.0.1", description.identity().sourceIp());
    assertTrue(description.identity().userAgent().startsWith("Java-http-client"), description.toString());

    await(management.deleteConnection(b -> b.connectionId(id)));
    assertEquals(1000, client.awaitClose().code());
    lifecycle.await(EventContext.DISCONNECT, id);

    Throwable gone = failure(management.postToConnection(b -> b.connectionId(id).data(SdkBytes.fromUtf8String("x"))));
    assertInstanceOf(GoneException.class, gone);
    assertEquals(410, ((GoneException) gone).statusCode());
    assertInstanceOf(GoneException.class, failure(management.getConnection(b -> b.connectionId(id))));
    assertInstanceOf(GoneException.class, failure(management.deleteConnection(b -> b.connectionId(id))));
  }

  @Test
  void dataOverTheLimitIsPayloadTooLarge() throws Exception {
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "prod"))) {
      String id = ConnectionsFixture.connectionId(client);
      byte[] data = new byte[128 * 1024 + 1];
      java.util.Arrays.fill(data, (byte) 'a');
      Throwable tooLarge = failure(management.postToConnection(b -> b.connectionId(id)
          .data(SdkBytes.fromByteArray(data))));
      assertInstanceOf(PayloadTooLargeException.class, tooLarge);
      assertEquals(413, ((PayloadTooLargeException) tooLarge).statusCode());
    }
  }

  @Test
  void aStageThatIsNotDeployedIsForbidden() throws Exception {
    try (ApiGatewayManagementApiAsyncClient wrongStage = client(apiId, "staging");
        WsClient client = WsClient.connect(node.wsUrl(apiId, "prod"))) {
      String id = ConnectionsFixture.connectionId(client);
      Throwable forbidden = failure(wrongStage.postToConnection(b -> b.connectionId(id)
          .data(SdkBytes.fromUtf8String("x"))));
      assertInstanceOf(ForbiddenException.class, forbidden);
      assertEquals(403, ((ForbiddenException) forbidden).statusCode());
    }
  }
}
