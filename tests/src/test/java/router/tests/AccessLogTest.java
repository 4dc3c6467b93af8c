package router.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.apigatewayv2.model.AccessLogSettings;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/**
 * A stage's access log over real sockets: one line per $connect, message and $disconnect in the stage's format,
 * on the logger its destination names.
 */
class AccessLogTest {
  /** Only bounds how long a broken test waits; no assertion depends on it. */
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir static Path dataDir;
  static TestNode node;
  static final ListAppender<ILoggingEvent> lines = new ListAppender<>();

  @BeforeAll
  static void start() {
    Logger logger = (Logger) LoggerFactory.getLogger("router.access.chat-access");
    logger.setLevel(Level.INFO);
    lines.start();
    logger.addAppender(lines);
    node = TestNode.start(dataDir);
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
    ((Logger) LoggerFactory.getLogger("router.access.chat-access")).detachAppender(lines);
  }

  @Test
  void writesOneLinePerEventInTheStageFormat() throws Exception {
    String apiId = node.sdk.createApi(b -> b.name("logged").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    String integrationId = node.sdk.createIntegration(b -> b.apiId(apiId).integrationType(IntegrationType.MOCK)
        .requestTemplates(Map.of("application/json", "{\"statusCode\":200}"))).integrationId();
    node.sdk.createIntegrationResponse(b -> b.apiId(apiId).integrationId(integrationId)
        .integrationResponseKey("$default").responseTemplates(Map.of("$default", "ok")));
    String routeId = node.sdk.createRoute(b -> b.apiId(apiId).routeKey("echo")
        .routeResponseSelectionExpression("$default").target("integrations/" + integrationId)).routeId();
    node.sdk.createRouteResponse(b -> b.apiId(apiId).routeId(routeId).routeResponseKey("$default"));
    node.sdk.createStage(b -> b.apiId(apiId).stageName("dev").autoDeploy(true)
        .accessLogSettings(AccessLogSettings.builder()
            .destinationArn("arn:aws:logs:us-east-1:123456789012:log-group:chat-access")
            .format("{\"api\":\"$context.apiId\",\"event\":\"$context.eventType\",\"route\":\"$context.routeKey\","
                + "\"status\":\"$context.status\",\"error\":\"$context.error.message\"}")
            .build()));
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"))) {
      client.send("{\"action\":\"echo\"}");
      assertEquals("ok", client.next());
      client.send("{\"action\":\"nowhere\"}");
      assertTrue(client.next().startsWith("{\"message\": \"Forbidden\""));
    }
    List<String> written = awaitLinesOf(apiId, 4);
    String prefix = "{\"api\":\"" + apiId + "\",\"event\":";
    assertEquals(List.of(
        prefix + "\"CONNECT\",\"route\":\"$connect\",\"status\":\"200\",\"error\":\"-\"}",
        prefix + "\"MESSAGE\",\"route\":\"echo\",\"status\":\"200\",\"error\":\"-\"}",
        prefix + "\"MESSAGE\",\"route\":\"-\",\"status\":\"403\",\"error\":\"Forbidden\"}",
        prefix + "\"DISCONNECT\",\"route\":\"$disconnect\",\"status\":\"200\",\"error\":\"-\"}"), written);
  }

  // API Gateway's example formats for WebSocket APIs (console: Log format), one stage each.
  private static final Map<String, String> FORMATS = Map.of(
      "clf", "$context.identity.sourceIp $context.identity.caller $context.identity.user [$context.requestTime]"
          + " \"$context.eventType $context.routeKey $context.connectionId\" $context.status $context.requestId",
      "json", "{\"requestId\":\"$context.requestId\", \"ip\": \"$context.identity.sourceIp\","
          + " \"caller\":\"$context.identity.caller\", \"user\":\"$context.identity.user\","
          + " \"requestTime\":\"$context.requestTime\", \"eventType\":\"$context.eventType\","
          + " \"routeKey\":\"$context.routeKey\", \"status\":\"$context.status\","
          + " \"connectionId\":\"$context.connectionId\"}",
      "xml", "<request id=\"$context.requestId\"> <ip>$context.identity.sourceIp</ip>"
          + " <caller>$context.identity.caller</caller> <user>$context.identity.user</user>"
          + " <requestTime>$context.requestTime</requestTime> <eventType>$context.eventType</eventType>"
          + " <routeKey>$context.routeKey</routeKey> <status>$context.status</status>"
          + " <connectionId>$context.connectionId</connectionId> </request>",
      "csv", "$context.identity.sourceIp,$context.identity.caller,$context.identity.user,$context.requestTime,"
          + "$context.eventType,$context.routeKey,$context.connectionId,$context.status,$context.requestId");
  private static final String REQUEST_ID = "[A-Za-z0-9_-]{15}=";
  private static final String REQUEST_TIME = "\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000";
  private static final java.util.regex.Pattern IDS =
      java.util.regex.Pattern.compile("\"connectionId\":\"([^\"]+)\", \"requestId\":\"([^\"]+)\"");

  @Test
  void writesEachOfTheFourFormatsLineByLineAsTheTrafficWent() throws Exception {
    for (String shape : List.of("clf", "json", "xml", "csv")) {
      Logger logger = (Logger) LoggerFactory.getLogger("router.access.formats-" + shape);
      logger.setLevel(Level.INFO);
      logger.addAppender(lines);
    }
    String apiId = node.sdk.createApi(b -> b.name("formats").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    String integrationId = node.sdk.createIntegration(b -> b.apiId(apiId).integrationType(IntegrationType.MOCK)
        .requestTemplates(Map.of("application/json", "{\"statusCode\":200}"))).integrationId();
    node.sdk.createIntegrationResponse(b -> b.apiId(apiId).integrationId(integrationId)
        .integrationResponseKey("$default").responseTemplates(Map.of("$default", "ok")));
    String routeId = node.sdk.createRoute(b -> b.apiId(apiId).routeKey("echo")
        .routeResponseSelectionExpression("$default").target("integrations/" + integrationId)).routeId();
    node.sdk.createRouteResponse(b -> b.apiId(apiId).routeId(routeId).routeResponseKey("$default"));
    for (String shape : FORMATS.keySet()) {
      node.sdk.createStage(b -> b.apiId(apiId).stageName(shape).autoDeploy(true)
          .accessLogSettings(AccessLogSettings.builder()
              .destinationArn("arn:aws:logs:us-east-1:123456789012:log-group:formats-" + shape)
              .format(FORMATS.get(shape)).build()));
    }
    for (String shape : List.of("clf", "json", "xml", "csv")) {
      String connectionId;
      String forbiddenRequestId;
      try (WsClient client = WsClient.connect(node.wsUrl(apiId, shape))) {
        client.send("{\"action\":\"echo\"}");
        assertEquals("ok", client.next());
        client.send("{\"action\":\"nowhere\"}");
        java.util.regex.Matcher ids = IDS.matcher(client.next());
        assertTrue(ids.find());
        connectionId = ids.group(1);
        forbiddenRequestId = ids.group(2);
      }
      List<String> written = awaitLines("router.access.formats-" + shape, 4);
      // The traffic: $connect, the echo, the refused message, $disconnect; the line of each, in order.
      String[][] events = {
          {"CONNECT", "$connect", "200", REQUEST_ID},
          {"MESSAGE", "echo", "200", REQUEST_ID},
          {"MESSAGE", "-", "403", java.util.regex.Pattern.quote(forbiddenRequestId)},
          {"DISCONNECT", "$disconnect", "200", REQUEST_ID}};
      assertEquals(events.length, written.size(), shape + ": " + written);
      for (int i = 0; i < events.length; i++) {
        String expected = expectedLine(FORMATS.get(shape), events[i][0], events[i][1], events[i][2], events[i][3],
            connectionId);
        assertTrue(written.get(i).matches(expected), shape + " line " + i + ": " + written.get(i)
            + "\n does not match " + expected);
      }
    }
  }

  /** The format with the values this event must have put in it, as a pattern (ids and time where unknown). */
  private static String expectedLine(String format, String eventType, String routeKey, String status,
      String requestId, String connectionId) {
    Map<String, String> values = new java.util.LinkedHashMap<>();
    values.put("$context.identity.sourceIp", "127.0.0.1");
    values.put("$context.identity.caller", "-");
    values.put("$context.identity.user", "-");
    values.put("$context.eventType", eventType);
    values.put("$context.routeKey", routeKey);
    values.put("$context.connectionId", connectionId);
    values.put("$context.status", status);
    StringBuilder pattern = new StringBuilder();
    java.util.regex.Matcher variable = java.util.regex.Pattern.compile("\\$context\\.[A-Za-z.]*[A-Za-z]")
        .matcher(format);
    int at = 0;
    while (variable.find()) {
      pattern.append(java.util.regex.Pattern.quote(format.substring(at, variable.start())));
      String name = variable.group();
      if (name.equals("$context.requestId")) pattern.append(requestId);
      else if (name.equals("$context.requestTime")) pattern.append(REQUEST_TIME);
      else pattern.append(java.util.regex.Pattern.quote(values.get(name)));
      at = variable.end();
    }
    return pattern.append(java.util.regex.Pattern.quote(format.substring(at))).toString();
  }

  /** The lines of one logger, once there are {@code count} of them. */
  private static List<String> awaitLines(String loggerName, int count) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    List<String> of;
    do {
      Thread.sleep(20);
      synchronized (lines) {
        of = lines.list.stream().filter(e -> e.getLoggerName().equals(loggerName))
            .map(ILoggingEvent::getFormattedMessage).toList();
      }
    } while (of.size() < count && System.nanoTime() < deadline);
    return of;
  }

  /** The lines of one API, once there are {@code count} of them ($disconnect is logged after the socket closed). */
  private static List<String> awaitLinesOf(String apiId, int count) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    List<String> ofApi;
    do {
      Thread.sleep(20);
      synchronized (lines) {
        ofApi = lines.list.stream().map(ILoggingEvent::getFormattedMessage)
            .filter(line -> line.contains("\"" + apiId + "\"")).toList();
      }
    } while (ofApi.size() < count && System.nanoTime() < deadline);
    return ofApi;
  }
}
