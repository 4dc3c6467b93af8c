package router.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.apigatewayv2.model.AccessLogSettings;
import software.amazon.awssdk.services.apigatewayv2.model.IntegrationType;
import software.amazon.awssdk.services.apigatewayv2.model.ProtocolType;

/**
 * An access log destination that blocks (its appender never returns until released) does not hold messages up:
 * every message is answered while the writer is stuck, the lines that do not fit the queue are dropped and counted
 * (router_access_log_dropped_total), and once the destination moves again every line is either written or counted.
 */
class BlockedAccessLogTest {
  private static final int QUEUE = 10;
  private static final int MESSAGES = 500;
  /** Only bounds how long a broken test waits; no assertion depends on it. */
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final HttpClient http = HttpClient.newHttpClient();

  @TempDir static Path dataDir;
  static TestNode node;
  static final CountDownLatch released = new CountDownLatch(1);
  static final AtomicInteger written = new AtomicInteger();
  static final AppenderBase<ILoggingEvent> blocked = new AppenderBase<>() {
    @Override
    protected void append(ILoggingEvent event) {
      try {
        released.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      written.incrementAndGet();
    }
  };

  @BeforeAll
  static void start() {
    Logger logger = (Logger) LoggerFactory.getLogger("router.access.blocked");
    logger.setLevel(Level.INFO);
    logger.setAdditive(false);
    blocked.start();
    logger.addAppender(blocked);
    node = TestNode.start(dataDir, Map.of("router.access-log.queue-size", QUEUE));
  }

  @AfterAll
  static void stop() throws Exception {
    released.countDown();
    node.close();
    ((Logger) LoggerFactory.getLogger("router.access.blocked")).detachAppender(blocked);
  }

  @Test
  void answersEveryMessageWhileTheDestinationBlocksAndCountsWhatItDrops() throws Exception {
    String apiId = node.sdk.createApi(b -> b.name("blocked").protocolType(ProtocolType.WEBSOCKET)
        .routeSelectionExpression("$request.body.action")).apiId();
    String integrationId = node.sdk.createIntegration(b -> b.apiId(apiId).integrationType(IntegrationType.MOCK)
        .requestTemplates(Map.of("application/json", "{\"statusCode\":200}"))).integrationId();
    node.sdk.createIntegrationResponse(b -> b.apiId(apiId).integrationId(integrationId)
        .integrationResponseKey("$default").responseTemplates(Map.of("$default", "ok")));
    String routeId = node.sdk.createRoute(b -> b.apiId(apiId).routeKey("$default")
        .routeResponseSelectionExpression("$default").target("integrations/" + integrationId)).routeId();
    node.sdk.createRouteResponse(b -> b.apiId(apiId).routeId(routeId).routeResponseKey("$default"));
    node.sdk.createStage(b -> b.apiId(apiId).stageName("dev").autoDeploy(true)
        .accessLogSettings(AccessLogSettings.builder()
            .destinationArn("arn:aws:logs:us-east-1:123456789012:log-group:blocked")
            .format("$context.requestId $context.eventType $context.status").build()));
    double droppedBefore = dropped();
    try (WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"))) {
      // The writer holds at most one batch (256 lines) and the queue 10: most of these lines cannot be kept.
      for (int i = 0; i < MESSAGES; i++) {
        client.send("message " + i);
        assertEquals("ok", client.next()); // answered while the destination is stuck
      }
    }
    assertEquals(0, written.get());
    int lines = 1 + MESSAGES + 1; // $connect, the messages, $disconnect
    double droppedWhileBlocked = awaitDropped(droppedBefore, lines - 256 - QUEUE);
    assertTrue(droppedWhileBlocked >= lines - 256 - QUEUE, droppedWhileBlocked + " dropped");
    released.countDown();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (written.get() + (dropped() - droppedBefore) < lines && System.nanoTime() < deadline) Thread.sleep(20);
    // Every line is accounted for: written once the destination moved, or dropped and counted.
    assertEquals(lines, written.get() + (long) (dropped() - droppedBefore));
  }

  /** Scrapes until at least {@code atLeast} more lines were dropped ($disconnect's line comes after the close). */
  private static double awaitDropped(double before, int atLeast) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    double dropped = dropped() - before;
    while (dropped < atLeast && System.nanoTime() < deadline) {
      Thread.sleep(20);
      dropped = dropped() - before;
    }
    return dropped;
  }

  private static double dropped() throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(node.controlUrl() + "/metrics"))
        .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode());
    return PrometheusText.parse(response.body()).value("router_access_log_dropped_total", Map.of());
  }
}
