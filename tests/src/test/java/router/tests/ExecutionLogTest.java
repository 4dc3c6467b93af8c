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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;
import software.amazon.awssdk.services.apigatewayv2.model.RouteSettings;

/**
 * A stage's execution logs over real sockets: with loggingLevel INFO and dataTraceEnabled on one route and ERROR as
 * the stage's default, the route's messages can be followed line by line by their request id, the failing route
 * writes only its failure, and routes at OFF write nothing.
 */
class ExecutionLogTest {
  /** Only bounds how long a broken test waits; no assertion depends on it. */
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Pattern LINE = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z \\(([A-Za-z0-9_-]{15}=)\\) (.*)");
  private static final Pattern IDS = Pattern.compile("\"connectionId\":\"([^\"]+)\", \"requestId\":\"([^\"]+)\"");

  @TempDir static Path dataDir;
  static TestNode node;
  static final ListAppender<ILoggingEvent> lines = new ListAppender<>();

  @BeforeAll
  static void start() {
    Logger logger = (Logger) LoggerFactory.getLogger("router.execution");
    logger.setLevel(Level.INFO);
    lines.start();
    logger.addAppender(lines);
    node = TestNode.start(dataDir);
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
    ((Logger) LoggerFactory.getLogger("router.execution")).detachAppender(lines);
  }

  @Test
  void followsAMessageThroughItsRouteAndWritesOnlyFailuresAtError() throws Exception {
    String apiId = node.sdk.createApi(b -> b.name("traced").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    // echo: answers "ok"; broken: its only integration response matches 4XX, the MOCK answers 200; quiet: OFF.
    String echo = mock(apiId, "$default");
    String broken = mock(apiId, "/4\\d\\d/");
    String quiet = mock(apiId, "$default");
    twoWayRoute(apiId, "echo", echo);
    twoWayRoute(apiId, "broken", broken);
    twoWayRoute(apiId, "quiet", quiet);
    node.sdk.createStage(b -> b.apiId(apiId).stageName("dev").autoDeploy(true)
        .defaultRouteSettings(RouteSettings.builder().loggingLevel("ERROR").build())
        .routeSettings(Map.of(
            "echo", RouteSettings.builder().loggingLevel("INFO").dataTraceEnabled(true).build(),
            "quiet", RouteSettings.builder().loggingLevel("OFF").build())));
    String connectionId;
    String brokenRequestId;
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"))) {
      client.send("{\"action\":\"echo\",\"n\":1}");
      assertEquals("ok", client.next());
      client.send("{\"action\":\"quiet\"}");
      assertEquals("ok", client.next());
      client.send("{\"action\":\"broken\"}");
      Matcher ids = IDS.matcher(client.next());
      assertTrue(ids.find());
      connectionId = ids.group(1);
      brokenRequestId = ids.group(2);
    }
    List<ILoggingEvent> written = awaitLines("router.execution." + apiId + ".dev", 11);
    List<String> messages = written.stream().map(e -> {
      Matcher line = LINE.matcher(e.getFormattedMessage());
      assertTrue(line.matches(), e.getFormattedMessage());
      return e.getLevel() + " " + line.group(2);
    }).toList();
    assertEquals(List.of(
        "INFO Received request. WebSocket Request Route: [echo], connection: " + connectionId,
        "INFO Method request body before transformations: {\"action\":\"echo\",\"n\":1}",
        "INFO Endpoint request headers: {}",
        "INFO Endpoint request body after transformations: {\"statusCode\":200}",
        "INFO Sending request to MOCK integration",
        "INFO Received response. Status: 200, Integration latency: ",
        "INFO Endpoint response headers: {}",
        "INFO Endpoint response body before transformations: ",
        "INFO Method response body after transformations: ok",
        "INFO Method completed with status: 200",
        "ERROR Execution failed due to configuration error: No match for output mapping and no $default integration"
            + " response ('200')"), messages.stream().map(m -> m.replaceFirst("\\d+ ms$", "")).toList());
    // One request id per message: the echo's lines share one, the failure carries the id its error frame gave.
    List<String> requestIds = written.stream().map(e -> {
      Matcher line = LINE.matcher(e.getFormattedMessage());
      assertTrue(line.matches());
      return line.group(1);
    }).toList();
    assertEquals(1, requestIds.subList(0, 10).stream().distinct().count());
    assertEquals(brokenRequestId, requestIds.get(10));
    assertEquals(Level.ERROR, written.get(10).getLevel());
  }

  private static String mock(String apiId, String responseKey) {
    String integrationId = node.sdk.createIntegration(b -> b.apiId(apiId).integrationType(IntegrationType.MOCK)
        .requestTemplates(Map.of("application/json", "{\"statusCode\":200}"))).integrationId();
    node.sdk.createIntegrationResponse(b -> b.apiId(apiId).integrationId(integrationId)
        .integrationResponseKey(responseKey).responseTemplates(Map.of("$default", "ok")));
    return integrationId;
  }

  private static void twoWayRoute(String apiId, String key, String integrationId) {
    String routeId = node.sdk.createRoute(b -> b.apiId(apiId).routeKey(key)
        .routeResponseSelectionExpression("$default").target("integrations/" + integrationId)).routeId();
    node.sdk.createRouteResponse(b -> b.apiId(apiId).routeId(routeId).routeResponseKey("$default"));
  }

  /** The events of one logger, once there are {@code count} of them (and a little after, for any extra). */
  private static List<ILoggingEvent> awaitLines(String loggerName, int count) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    List<ILoggingEvent> of;
    do {
      Thread.sleep(50);
      synchronized (lines) {
        of = lines.list.stream().filter(e -> e.getLoggerName().equals(loggerName)).toList();
      }
    } while (of.size() < count && System.nanoTime() < deadline);
    return of;
  }
}
