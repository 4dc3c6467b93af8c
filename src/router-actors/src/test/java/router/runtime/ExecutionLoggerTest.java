package router.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import router.integration.IntegrationResult;
import router.metrics.StageMetrics;
import router.model.RouteSettings;

/** Execution log settings resolved per route, and the lines in API Gateway's words, as text or JSON. */
class ExecutionLoggerTest {
  private final List<String> written = new ArrayList<>();
  private final AccessLog out = new AccessLog() {
    @Override
    public void offer(String loggerName, String line) {
      offer(loggerName, line, false);
    }

    @Override
    public void offer(String loggerName, String line, boolean error) {
      written.add(loggerName + (error ? " ERROR " : " INFO ") + line);
    }
  };

  private static RouteSettings level(String level, Boolean dataTrace) {
    return new RouteSettings(dataTrace, null, level, null, null);
  }

  private static MessageContext context(ExecutionLog log, String body) {
    CompiledStage stage = new CompiledStage("api1", "dev", "dep1", null, Map.of(), null, null, null, Map.of(),
        StageMetrics.NONE, null);
    ConnectionInfo info = new ConnectionInfo("conn1", "api1", "dev", new StageHandle("api1", "dev"),
        1_700_000_000_000L, "127.0.0.1", "junit", "localhost", Map.of(), Map.of(), Map.of(), Map.of());
    MessageContext context = new MessageContext(info, stage, body, "req1", "MESSAGE", 1_700_000_000_000L);
    context.routeKey = "echo";
    context.executionLog = log;
    return context;
  }

  /** The lines without their leading time stamp (text) or time field (JSON). */
  private List<String> lines() {
    return written.stream().map(line -> line.replaceFirst(" \\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z ", " ")
        .replaceFirst("\\{\"time\":\"[^\"]+\",", "{")).toList();
  }

  @Test
  void resolvesARoutesSettingsOverTheStageDefaults() {
    assertSame(ExecutionLog.OFF, ExecutionLog.of("api1", "dev", null, null));
    assertSame(ExecutionLog.OFF, ExecutionLog.of("api1", "dev", level("INFO", true), level("OFF", null)));
    ExecutionLog errors = ExecutionLog.of("api1", "dev", level("ERROR", true), null);
    assertTrue(errors.errors() && !errors.info() && !errors.data());
    ExecutionLog info = ExecutionLog.of("api1", "dev", level("ERROR", null), level("INFO", null));
    assertTrue(info.info() && !info.data());
    ExecutionLog trace = ExecutionLog.of("api1", "dev", level("INFO", true), new RouteSettings(null, true, null,
        null, null));
    assertTrue(trace.info() && trace.data());
    assertEquals("router.execution.api1.dev", trace.loggerName());
  }

  @Test
  void writesApiGatewaysLinesForOneMessageAsText() {
    ExecutionLogger logger = new ExecutionLogger(out, false);
    MessageContext c = context(ExecutionLog.of("api1", "dev", level("INFO", true), null), "{\"action\":\"echo\"}");
    logger.received(c);
    logger.answered(c, new IntegrationResult(200, Map.of(), "{\"ok\":true}"), 3_400_000);
    logger.replied(c, "ok");
    logger.completed(c, 200);
    String prefix = "router.execution.api1.dev INFO (req1) ";
    assertEquals(List.of(
        prefix + "Received request. WebSocket Request Route: [echo], connection: conn1",
        prefix + "Method request body before transformations: {\"action\":\"echo\"}",
        prefix + "Received response. Status: 200, Integration latency: 3 ms",
        prefix + "Endpoint response headers: {}",
        prefix + "Endpoint response body before transformations: {\"ok\":true}",
        prefix + "Method response body after transformations: ok",
        prefix + "Method completed with status: 200"), lines());
  }

  @Test
  void writesOnlyFailuresAtErrorAsJson() {
    ExecutionLogger logger = new ExecutionLogger(out, true);
    MessageContext c = context(ExecutionLog.of("api1", "dev", level("ERROR", null), null), "say \"hi\"\n");
    logger.received(c);
    logger.failed(c, "a timeout error");
    logger.completed(c, 504);
    assertEquals(List.of("router.execution.api1.dev ERROR {\"level\":\"ERROR\",\"requestId\":\"req1\","
        + "\"connectionId\":\"conn1\",\"apiId\":\"api1\",\"stage\":\"dev\",\"eventType\":\"MESSAGE\","
        + "\"routeKey\":\"echo\",\"message\":\"Execution failed due to a timeout error\"}"), lines());
  }

  @Test
  void cutsDataAt1024CharactersAndKeepsOneEventOnOneLine() {
    ExecutionLogger logger = new ExecutionLogger(out, false);
    MessageContext c = context(ExecutionLog.of("api1", "dev", level("INFO", true), null),
        "a\nb" + "x".repeat(2000));
    logger.received(c);
    String data = lines().get(1);
    assertEquals("router.execution.api1.dev INFO (req1) Method request body before transformations: a\\nb"
        + "x".repeat(ExecutionLogger.MAX_DATA - 3) + " [TRUNCATED]", data);
  }

  @Test
  void writesNothingWhenOff() {
    ExecutionLogger logger = new ExecutionLogger(out, false);
    MessageContext c = context(ExecutionLog.OFF, "{}");
    logger.received(c);
    logger.failed(c, "a timeout error");
    logger.completed(c, 504);
    assertEquals(List.of(), written);
  }
}
