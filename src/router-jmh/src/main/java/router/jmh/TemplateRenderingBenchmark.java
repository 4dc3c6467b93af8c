package router.jmh;

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
import router.template.CompiledTemplate;
import router.template.TemplateContext;
import router.template.TemplateEngine;

/**
 * Rendering compiled mapping templates (the sandboxed Velocity engine) for one message: the MOCK
 * request template, the benchmark API's response templates, and a heavier template with
 * {@code $input.path}, {@code #foreach} and {@code $util}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TemplateRenderingBenchmark {

  private static final String ITEMS_BODY = "{\"action\":\"send\",\"user\":{\"name\":\"Ann \\\"A\\\" O'Neil\"},\"items\":["
      + "{\"id\":1,\"qty\":2},{\"id\":2,\"qty\":1},{\"id\":3,\"qty\":5},{\"id\":4,\"qty\":1},{\"id\":5,\"qty\":3},"
      + "{\"id\":6,\"qty\":2},{\"id\":7,\"qty\":1},{\"id\":8,\"qty\":9},{\"id\":9,\"qty\":1},{\"id\":10,\"qty\":4}]}";

  private CompiledTemplate mockRequest;
  private CompiledTemplate echo;
  private CompiledTemplate whoami;
  private CompiledTemplate heavy;
  private TemplateContext small;
  private TemplateContext items;
  private TemplateEngine engine;

  @Setup
  public void setUp() {
    engine = new TemplateEngine();
    mockRequest = engine.compile("mock", "{\"statusCode\":200}");
    echo = engine.compile("echo", "{\"echo\":$input.json('$')}");
    whoami = engine.compile("whoami", "{\"connectionId\":\"$context.connectionId\"}");
    heavy = engine.compile("heavy", """
        {
          "user": "$util.escapeJavaScript($input.path('$.user.name'))",
          "connectionId": "$context.connectionId",
          "requestId": "$context.requestId",
          "items": [
        #foreach($item in $input.path('$.items'))
            {"id": $item.id, "qty": $item.qty}#if($foreach.hasNext),#end
        #end
          ]
        }
        """);
    Map<String, Object> context = Map.of("connectionId", "L0SM9cOFvHcCIhw=", "requestId", "L0SM9cOFvHcCIhx=",
        "routeKey", "echo", "stage", "bench", "apiId", "abcdefghij");
    small = TemplateContext.ofMessage(RouteSelectionBenchmark.SMALL_BODY, context, Map.of());
    items = TemplateContext.ofMessage(ITEMS_BODY, context, Map.of());
  }

  /** {"statusCode":200}: every MOCK integration renders it per message. */
  @Benchmark
  public String mockRequestTemplate() {
    return mockRequest.render(small);
  }

  /** {"echo":$input.json('$')} over a 100-byte body. */
  @Benchmark
  public String echoTemplate() {
    return echo.render(small);
  }

  /** {"connectionId":"$context.connectionId"}. */
  @Benchmark
  public String contextTemplate() {
    return whoami.render(small);
  }

  /** $input.path, #foreach over 10 items, $util.escapeJavaScript. */
  @Benchmark
  public String heavyTemplate() {
    return heavy.render(items);
  }

  /** Compiling the echo template (per deployment, not per message: for scale). */
  @Benchmark
  public CompiledTemplate compileEchoTemplate() {
    return engine.compile("echo", "{\"echo\":$input.json('$')}");
  }
}
