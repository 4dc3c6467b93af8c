package router.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * AWS service integrations end to end: a Router node whose SQS endpoint is an ElasticMQ server, an API with the
 * SendMessage mapping API Gateway users write, a real WebSocket client sending messages and the AWS SDK's SqsClient
 * reading them back from the queue; then the failure paths (4xx and 5xx answers, an unreachable endpoint, a
 * service that does not answer before the deadline).
 */
class AwsServiceIntegrationTest {
  private static final String ERROR_FRAME =
      "\\{\"message\": \"%s\", \"connectionId\":\"[A-Za-z0-9_-]{15}=\", \"requestId\":\"[A-Za-z0-9_-]{15}=\"}";
  private static final String SEND_MESSAGE = "Action=SendMessage&MessageBody=$util.urlEncode($input.body)";
  private static final Map<String, String> FORM =
      Map.of("integration.request.header.Content-Type", "'application/x-www-form-urlencoded'");
  private static final String SECRET = "router-test-secret";

  @TempDir static Path dataDir;
  static ElasticMq elasticMq;
  static String queueUrl;
  static HttpServer unavailable;
  static final AtomicReference<String> unavailableAuthorization = new AtomicReference<>();
  static int closedPort;
  static ServerSocket silent;
  static final CompletableFuture<Boolean> silentConnectionClosed = new CompletableFuture<>();
  static TestNode node;
  static String apiId;
  static String unreachableIntegrationId;

  @BeforeAll
  static void startElasticMqAndDeployTheApi() throws Exception {
    elasticMq = ElasticMq.start();
    queueUrl = elasticMq.createQueue("orders");
    // A service that answers 503, as a throttled or failing AWS service does.
    unavailable = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    unavailable.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      unavailableAuthorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
      byte[] answer = "{\"__type\":\"ServiceUnavailable\"}".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(503, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    unavailable.start();
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    // A service that reads the request and never answers; it reports when the router closes the connection.
    silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    Thread listener = new Thread(AwsServiceIntegrationTest::neverAnswer, "silent-service");
    listener.setDaemon(true);
    listener.start();
    node = TestNode.start(dataDir, Map.of(
        "router.integrations.aws.endpoints.sqs", elasticMq.endpoint.toString(),
        "router.integrations.aws.endpoints.kinesis", "http://127.0.0.1:" + unavailable.getAddress().getPort(),
        "router.integrations.aws.endpoints.sns", "http://127.0.0.1:" + closedPort,
        "router.integrations.aws.endpoints.firehose", "http://127.0.0.1:" + silent.getLocalPort(),
        "router.integrations.aws.access-key-id", "AKIDROUTERTEST",
        "router.integrations.aws.secret-access-key", SECRET));
    ApiGatewayV2Client sdk = node.sdk;
    apiId = sdk.createApi(b -> b.name("orders").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    String orders = "arn:aws:apigateway:us-east-1:sqs:path/" + ElasticMq.ACCOUNT_ID + "/orders";
    String missing = "arn:aws:apigateway:us-east-1:sqs:path/" + ElasticMq.ACCOUNT_ID + "/nosuchqueue";
    route(sdk, "send", sendMessage(sdk, orders), Map.of("/2\\d\\d/", "{\"sent\":true}"));
    route(sdk, "sendraw", sendMessage(sdk, orders), Map.of("/2\\d\\d/", ""));
    route(sdk, "lost", sendMessage(sdk, missing),
        Map.of("/2\\d\\d/", "{\"sent\":true}", "/4\\d\\d/", "{\"sent\":false,\"status\":400}"));
    route(sdk, "lostunmatched", sendMessage(sdk, missing), Map.of("/2\\d\\d/", "{\"sent\":true}"));
    route(sdk, "throttled", sendMessage(sdk, "arn:aws:apigateway:us-east-1:kinesis:action/PutRecord"),
        Map.of("/5\\d\\d/", "{\"retry\":true}"));
    unreachableIntegrationId = sendMessage(sdk, "arn:aws:apigateway:us-east-1:sns:action/Publish");
    route(sdk, "unreachable", unreachableIntegrationId, Map.of("/2\\d\\d/", "{\"sent\":true}"));
    // As the AWS CLI leaves it: AWS integrations select on ${integration.response.body.errorMessage}.
    String cliIntegration = sdk.createIntegration(b -> b.apiId(apiId).integrationType(IntegrationType.AWS)
        .integrationMethod("POST").integrationUri(orders).requestParameters(FORM)
        .requestTemplates(Map.of("$default", SEND_MESSAGE))).integrationId();
    route(sdk, "sendcli", cliIntegration, Map.of("/2\\d\\d/", "{\"matched\":\"2xx\"}", "$default", "{\"sent\":\"default\"}"));
    String slow = sendMessage(sdk, "arn:aws:apigateway:us-east-1:firehose:action/PutRecord");
    sdk.updateIntegration(b -> b.apiId(apiId).integrationId(slow).timeoutInMillis(500));
    route(sdk, "slow", slow, Map.of("/2\\d\\d/", "{\"sent\":true}"));
    sdk.createStage(b -> b.apiId(apiId).stageName("prod").autoDeploy(true));
  }

  private static void neverAnswer() {
    try (Socket connection = silent.accept()) {
      InputStream in = connection.getInputStream();
      byte[] buffer = new byte[8192];
      try {
        while (in.read(buffer) >= 0) {
          // read the request, answer nothing
        }
      } catch (SocketException reset) {
        // the router aborted the exchange with a reset: closed as well
      }
      silentConnectionClosed.complete(true);
    } catch (Exception e) {
      silentConnectionClosed.completeExceptionally(e);
    }
  }

  /**
   * An AWS integration with the SendMessage mapping: form body, Content-Type mapped by requestParameters; its
   * integration responses are selected by the service's status code.
   */
  private static String sendMessage(ApiGatewayV2Client sdk, String uri) throws Exception {
    String integrationId = sdk.createIntegration(b -> b.apiId(apiId).integrationType(IntegrationType.AWS)
        .integrationMethod("POST").integrationUri(uri).requestParameters(FORM)
        .requestTemplates(Map.of("$default", SEND_MESSAGE))).integrationId();
    // The SDK cannot send integrationResponseSelectionExpression (read-only in apigatewayv2); Router's control
    // plane takes it on the wire. AWS-type integrations default to ${integration.response.body.errorMessage}.
    HttpResponse<String> patched = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(node.controlUrl() + "/v2/apis/" + apiId + "/integrations/" + integrationId))
        .method("PATCH", HttpRequest.BodyPublishers.ofString(
            "{\"integrationResponseSelectionExpression\":\"${integration.response.statuscode}\"}"))
        .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, patched.statusCode(), patched.body());
    return integrationId;
  }

  /** A two-way route to {@code integrationId} with these integration responses (key → response template). */
  private static void route(ApiGatewayV2Client sdk, String routeKey, String integrationId,
      Map<String, String> responses) {
    responses.forEach((key, template) -> sdk.createIntegrationResponse(b -> {
      b.apiId(apiId).integrationId(integrationId).integrationResponseKey(key);
      if (!template.isEmpty()) b.responseTemplates(Map.of("$default", template));
    }));
    String routeId = sdk.createRoute(b -> b.apiId(apiId).routeKey(routeKey).routeResponseSelectionExpression("$default")
        .target("integrations/" + integrationId)).routeId();
    sdk.createRouteResponse(b -> b.apiId(apiId).routeId(routeId).routeResponseKey("$default"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) node.close();
    if (unavailable != null) unavailable.stop(0);
    if (silent != null) silent.close();
    if (elasticMq != null) elasticMq.close();
  }

  @Test
  void sendsEachMessageToTheQueueAndRepliesWithTheResponseTemplate() {
    List<String> sent = List.of("{\"action\":\"send\",\"order\":1}",
        "{\"action\":\"send\",\"note\":\"a&b=c+d %20 é ✓\"}", "{\"action\":\"send\",\"order\":3}");
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "prod"))) {
      for (String message : sent) {
        client.send(message);
        assertEquals("{\"sent\":true}", client.next());
      }
    }
    assertEquals(sent, receive(sent.size()));
  }

  @Test
  void passesTheServicesAnswerThroughWithoutAResponseTemplate() {
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "prod"))) {
      client.send("{\"action\":\"sendraw\"}");
      String answer = client.next();
      assertTrue(answer.contains("<SendMessageResponse") && answer.contains("<MessageId>"), answer);
    }
    assertEquals(List.of("{\"action\":\"sendraw\"}"), receive(1));
  }

  @Test
  void withTheSelectionExpressionTheCliLeavesTheDefaultIntegrationResponseAnswers() {
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "prod"))) {
      client.send("{\"action\":\"sendcli\"}");
      assertEquals("{\"sent\":\"default\"}", client.next());
    }
    assertEquals(List.of("{\"action\":\"sendcli\"}"), receive(1));
  }

  @Test
  void selectsTheIntegrationResponseOfAClientErrorOfTheService() {
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "prod"))) {
      client.send("{\"action\":\"lost\"}");
      assertEquals("{\"sent\":false,\"status\":400}", client.next());
    }
  }

  @Test
  void answersInternalServerErrorWhenNoIntegrationResponseMatchesTheServicesStatus() {
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "prod"))) {
      client.send("{\"action\":\"lostunmatched\"}");
      String frame = client.next();
      assertTrue(frame.matches(String.format(ERROR_FRAME, "Internal server error")), frame);
    }
  }

  @Test
  void selectsTheIntegrationResponseOfAServerErrorOfTheServiceAndSignsTheRequest() {
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "prod"))) {
      client.send("{\"action\":\"throttled\"}");
      assertEquals("{\"retry\":true}", client.next());
    }
    String authorization = unavailableAuthorization.get();
    assertTrue(authorization != null
        && authorization.startsWith("AWS4-HMAC-SHA256 Credential=AKIDROUTERTEST/")
        && authorization.contains("/us-east-1/kinesis/aws4_request, SignedHeaders="), authorization);
  }

  @Test
  void answersInternalServerErrorAndLogsOnceNamingTheIntegrationWhenTheEndpointIsUnreachable() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    root.addAppender(logged);
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "prod"))) {
      client.send("{\"action\":\"unreachable\"}");
      String frame = client.next();
      assertTrue(frame.matches(String.format(ERROR_FRAME, "Internal server error")), frame);
    } finally {
      root.detachAppender(logged);
    }
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent event : logged.list) {
      if (event.getFormattedMessage().contains(unreachableIntegrationId)) lines.add(event.getFormattedMessage());
    }
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(lines.get(0).contains("AWS integration " + unreachableIntegrationId + " (sns at http://127.0.0.1:"
        + closedPort + ")"), lines.get(0));
  }

  @Test
  void answersTimedOutAtTheDeadlineAndAbortsTheServiceCall() throws Exception {
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "prod"))) {
      client.send("{\"action\":\"slow\"}");
      String frame = client.next();
      assertTrue(frame.matches(String.format(ERROR_FRAME, "Endpoint request timed out")), frame);
    }
    assertTrue(silentConnectionClosed.get(10, TimeUnit.SECONDS), "the router closed the connection to the service");
  }

  /** The bodies of the next {@code count} messages of the queue, deleting them; waits up to 10 s. */
  private static List<String> receive(int count) {
    List<String> bodies = new ArrayList<>();
    Instant until = Instant.now().plus(Duration.ofSeconds(10));
    while (bodies.size() < count && Instant.now().isBefore(until)) {
      for (Message message : elasticMq.sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
          .waitTimeSeconds(1)).messages()) {
        bodies.add(message.body());
        elasticMq.sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
      }
    }
    return bodies;
  }
}
