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
    List<String> written = awaitLines(apiId, 4);
    String prefix = "{\"api\":\"" + apiId + "\",\"event\":";
    assertEquals(List.of(
        prefix + "\"CONNECT\",\"route\":\"$connect\",\"status\":\"200\",\"error\":\"-\"}",
        prefix + "\"MESSAGE\",\"route\":\"echo\",\"status\":\"200\",\"error\":\"-\"}",
        prefix + "\"MESSAGE\",\"route\":\"-\",\"status\":\"403\",\"error\":\"Forbidden\"}",
        prefix + "\"DISCONNECT\",\"route\":\"$disconnect\",\"status\":\"200\",\"error\":\"-\"}"), written);
  }

  /** The lines of one API, once there are {@code count} of them ($disconnect is logged after the socket closed). */
  private static List<String> awaitLines(String apiId, int count) throws InterruptedException {
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
