package router.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;
import router.integration.IntegrationResult;
import router.metrics.StageMetrics;
import router.model.AccessLogSettings;

/** Access log formats: parsed once, rendered per event with API Gateway's $context variables. */
class AccessLogFormatTest {
  private static final String GROUP = "arn:aws:logs:us-east-1:123456789012:log-group:chat-access";

  private static MessageContext context(String userAgent) {
    StageHandle handle = new StageHandle("api1", "dev");
    CompiledStage stage = new CompiledStage("api1", "dev", "dep1", null, Map.of(), null, null, null, Map.of(),
        StageMetrics.NONE, null);
    ConnectionInfo info = new ConnectionInfo("conn1", "api1", "dev", handle, 1_700_000_000_000L, "127.0.0.1",
        userAgent, "localhost", Map.of(), Map.of(), Map.of(), Map.of());
    MessageContext context = new MessageContext(info, stage, "{}", "req1", "MESSAGE", 1_700_000_000_000L);
    context.routeKey = "echo";
    return context;
  }

  private static String render(String format, MessageContext context) {
    return AccessLogFormat.compile(new AccessLogSettings(GROUP, format)).render(context);
  }

  @Test
  void rendersContextVariablesBetweenLiteralText() {
    MessageContext context = context("junit");
    context.status = 200;
    assertEquals("req1 MESSAGE echo 200 (api1/dev).",
        render("$context.requestId $context.eventType $context.routeKey $context.status"
            + " ($context.apiId/$context.stage).", context));
  }

  @Test
  void rendersMissingValuesAsADash() {
    assertEquals("- - -", render("$context.integrationStatus $context.error.message $context.noSuchThing",
        context("junit")));
  }

  @Test
  void rendersTheOutcomeOfTheIntegration() {
    MessageContext context = context("junit");
    context.integrationResult(new IntegrationResult(502, Map.of(), ""));
    context.integrationNanos = 12_500_000;
    context.status = 500;
    context.errorMessage = "Internal server error";
    assertEquals("502 12 500 \\\"Internal server error\\\"", render(
        "$context.integrationStatus $context.integrationLatency $context.status $context.error.messageString",
        context));
  }

  @Test
  void escapesValuesSoAJsonFormatStaysValid() {
    assertEquals("{\"ua\":\"evil\\\", \\\"x\\\":\\\"y\"}",
        render("{\"ua\":\"$context.identity.userAgent\"}", context("evil\", \"x\":\"y")));
  }

  @Test
  void escapesValuesAsXmlInAnXmlFormat() {
    assertEquals("<r><ua>a&lt;/ua&gt;&amp;&quot;&apos;\uFFFD&#10;</ua></r>",
        render("<r><ua>$context.identity.userAgent</ua></r>", context("a</ua>&\"'\u0001\n")));
  }

  @Test
  void writesNothingWithoutAFormat() {
    assertNull(AccessLogFormat.compile(null));
    assertNull(AccessLogFormat.compile(new AccessLogSettings(GROUP, " ")));
  }

  @Test
  void namesTheLoggerAfterTheLogGroupOrDeliveryStream() {
    assertEquals("router.access.chat-access", AccessLogFormat.loggerName(GROUP));
    assertEquals("router.access.chat-access", AccessLogFormat.loggerName(GROUP + ":*"));
    assertEquals("router.access.amazon-apigateway-chat",
        AccessLogFormat.loggerName("arn:aws:firehose:us-east-1:123456789012:deliverystream/amazon-apigateway-chat"));
    assertEquals("router.access.default", AccessLogFormat.loggerName(null));
  }
}
