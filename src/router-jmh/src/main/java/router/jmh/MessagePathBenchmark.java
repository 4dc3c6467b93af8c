package router.jmh;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.LoggerFactory;
import router.config.ApiConfig;
import router.deploy.DeployedStage;
import router.deploy.DeploymentCompiler;
import router.deploy.LiveStages;
import router.deploy.StageEntry;
import router.expression.ExpressionKind;
import router.expression.SelectionExpression;
import router.integration.IntegrationBackends;
import router.model.Api;
import router.model.Deployment;
import router.model.Integration;
import router.model.Route;
import router.model.Stage;
import router.runtime.ClientMessage;
import router.runtime.ConnectionInfo;
import router.runtime.MessageProcessor;
import router.runtime.ServerMessage;
import router.template.CompiledTemplate;
import router.template.TemplateContext;
import router.template.TemplateEngine;

/**
 * The per-message path of a mapped message: route selection ({@code $request.body.action}), template selection
 * ({@code ${request.body.kind}}) and a 10-line request template using {@code $input.json}, {@code $input.path},
 * {@code $context}, {@code $stageVariables} and {@code $util}, on a 1 KB message. {@link #processMessage} runs it
 * through the real {@code MessageProcessor} on a deployed stage (MOCK integration, one-way route: ids, context,
 * the MOCK's parse of the rendered JSON included); {@link #selectAndRender} is the same selection and render alone.
 * Nothing is parsed or compiled per message except the message itself.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MessagePathBenchmark {

  static final String TEMPLATE = """
      {
        "connectionId": "$context.connectionId",
        "requestId": "$context.requestId",
        "route": "$context.routeKey",
        "stage": "$context.stage",
        "user": "$util.escapeJavaScript($input.path('$.user.name'))",
        "items": $input.json('$.items'),
        "note": "$util.urlEncode($input.path('$.note'))",
        "version": "$stageVariables.version"
      }""";

  /** A 1 KB message: route key, template key, a user, a note and 12 items. */
  static final String MESSAGE = message();

  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private MessageProcessor processor;
  private ConnectionInfo connection;
  private ClientMessage.Text clientMessage;

  private SelectionExpression routeSelection;
  private SelectionExpression templateSelection;
  private Map<String, CompiledTemplate> templates;
  private Map<String, Object> context;
  private Map<String, String> stageVariables;

  private static String message() {
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      if (i > 0) items.append(',');
      items.append("{\"sku\":\"sku-").append(1000 + i).append("\",\"qty\":").append(i + 1)
          .append(",\"price\":").append(9.99 + i).append(",\"tags\":[\"a\",\"b\"]}");
    }
    String body = "{\"action\":\"order\",\"kind\":\"order\",\"user\":{\"name\":\"Ann \\\"A\\\" O'Neil\",\"id\":42},"
        + "\"note\":\"deliver after 5pm & ring twice\",\"items\":[" + items + "],\"pad\":\"";
    return body + "x".repeat(Math.max(0, 1024 - body.length() - 2)) + "\"}";
  }

  @Setup
  public void setUp() throws Exception {
    if (MESSAGE.length() != 1024) throw new IllegalStateException("message is " + MESSAGE.length() + " bytes");
    TemplateEngine engine = new TemplateEngine();
    // The real path: a deployed stage, compiled once as a deployment compiles it.
    Integration integration = Integration.builder().integrationId("i1").integrationType("MOCK")
        .connectionType("INTERNET").passthroughBehavior("WHEN_NO_MATCH").templateSelectionExpression(
            "${request.body.kind}").requestTemplates(Map.of("order", TEMPLATE, "$default", "{\"statusCode\":200}"))
        .timeoutInMillis(29_000).payloadFormatVersion("1.0").build();
    ApiConfig config = ApiConfig.of(new Api("api0000001", "bench", "WEBSOCKET", "$request.body.action", null, null,
        null, null, null, null, Map.of(), Instant.EPOCH, null, null, null))
        .withIntegration(integration)
        .withRoute(new Route("r1", "order", "integrations/i1", null, false, "NONE", null, null, null, null, null,
            null, null));
    LiveStages live = new LiveStages(new DeploymentCompiler(engine, IntegrationBackends.standard()));
    Stage stage = new Stage("bench", "dep001", null, false, Map.of("version", "v2"), null, Map.of(), null, null,
        Map.of(), Instant.EPOCH, Instant.EPOCH, null, null);
    DeployedStage deployed = new DeployedStage("api0000001", stage,
        new Deployment("dep001", null, Instant.EPOCH, "DEPLOYED", null, false), config, 1);
    live.apply(deployed.key(), new StageEntry(1, deployed));
    connection = new ConnectionInfo("L0SM9cOFvHcCIhw=", "api0000001", "bench", live.handle("api0000001", "bench"),
        1_700_000_000_000L, "127.0.0.1", "bench", "localhost", Map.of(), Map.of(), Map.of(), Map.of());
    processor = new MessageProcessor(LoggerFactory.getLogger(MessagePathBenchmark.class));
    clientMessage = new ClientMessage.Text(MESSAGE);
    ServerMessage reply = processMessage();
    if (reply != MessageProcessor.NOTHING) throw new IllegalStateException("unexpected reply " + reply);

    // The same steps alone.
    routeSelection = SelectionExpression.parse("$request.body.action", ExpressionKind.ROUTE_SELECTION);
    templateSelection = SelectionExpression.parse("${request.body.kind}", ExpressionKind.TEMPLATE_SELECTION);
    templates = Map.of("order", engine.compile("order", TEMPLATE), "$default",
        engine.compile("default", "{\"statusCode\":200}"));
    context = new LinkedHashMap<>();
    context.put("connectionId", "L0SM9cOFvHcCIhw=");
    context.put("requestId", "L0SM9HwvHcCEBg=");
    context.put("routeKey", "order");
    context.put("stage", "bench");
    stageVariables = Map.of("version", "v2");
    if (!templates.get("order").rendersInline()) throw new IllegalStateException("the template should be inline");
  }

  /** One message through MessageProcessor: selection, template, MOCK, nothing sent back. */
  @Benchmark
  public ServerMessage processMessage() {
    return processor.onMessage(connection, clientMessage).toCompletableFuture().join();
  }

  /** Parse, route selection, template selection and render, without the processor around them. */
  @Benchmark
  public String selectAndRender() throws Exception {
    JsonNode body = JSON.readTree(MESSAGE);
    BodyContext selection = new BodyContext(body, "L0SM9cOFvHcCIhw=");
    String routeKey = routeSelection.evaluate(selection);
    CompiledTemplate template = templates.get(templateSelection.evaluate(selection));
    if (template == null) template = templates.get("$default");
    // $input shares the tree parsed for selection, as the processor does
    return routeKey + template.render(
        new TemplateContext(MESSAGE, context, stageVariables, Map.of(), Map.of(), Map.of(), () -> body));
  }
}
