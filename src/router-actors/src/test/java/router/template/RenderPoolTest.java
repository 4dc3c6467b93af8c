package router.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Renders run apart from the caller's thread, and one API's pathological template leaves threads for the others. */
class RenderPoolTest {
  private static final TemplateContext MESSAGE = TemplateContext.ofMessage("{\"a\":1}", Map.of(), Map.of());
  /** Runs to the render timeout: nested loops of 1000 × 1000 × 1000 iterations. */
  private static final String ENDLESS =
      "#foreach($a in [1..1000])#foreach($b in [1..1000])#foreach($c in [1..1000])#end#end#end";

  private static Throwable failure(CompletableFuture<String> render) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> render.get(30, TimeUnit.SECONDS));
    return e.getCause();
  }

  @Test
  void templatesThatMayLoopRenderOnARenderThreadNotTheCallers() throws Exception {
    RenderPool pool = new RenderPool(1, 1, 10);
    TemplateLimits limits = TemplateLimits.defaults();
    TemplateEngine engine = new TemplateEngine(limits.withRenderTimeout(Duration.ofSeconds(30)), pool);
    TemplateEngine impatient = new TemplateEngine(limits.withRenderTimeout(Duration.ofMillis(300)), pool);
    CompiledTemplate template = engine.compile("thread", "#foreach($i in [1..1])$input.json('$.a')#end");
    assertFalse(template.rendersInline());
    // The pool's only thread is busy with another API's render: were this one rendered by the caller, it would be
    // done when renderAsync returns.
    CompletableFuture<String> busy = impatient.compile("busy", ENDLESS).renderAsync("otherApi", MESSAGE);
    CompletableFuture<String> render = template.renderAsync("api1", MESSAGE);
    assertFalse(render.isDone());
    assertEquals("1", render.get(30, TimeUnit.SECONDS));
    assertInstanceOf(TemplateRenderException.class, failure(busy));
  }

  @Test
  void straightLineTemplatesRenderOnTheCallersThread() {
    TemplateEngine engine = new TemplateEngine(TemplateLimits.defaults(), new RenderPool(1, 1, 0));
    CompiledTemplate template = engine.compile("inline",
        "{\"a\": $input.json('$.a'), \"s\": \"$util.escapeJavaScript($input.body).length()\", \"x\": \"$context.x\"}");
    assertTrue(template.rendersInline());
    CompletableFuture<String> render = template.renderAsync("api1", MESSAGE);
    assertTrue(render.isDone());
    assertEquals("{\"a\": 1, \"s\": \"9\", \"x\": \"\"}", render.join());
  }

  @Test
  void loopsSearchesRegexesAndHiddenDirectivesGoToThePool() {
    TemplateEngine engine = new TemplateEngine(TemplateLimits.defaults(), new RenderPool(1, 1, 0));
    for (String template : List.of(
        "#foreach($i in [1..3])$i#end",
        "#macro(m)x#end#m()",
        "$input.body.replaceAll('(a+)+b', 'x')",
        "$input.body.matches('(a+)+b')",
        "$input.body.indexOf('aaaaab')",
        "#set($s = \"#foreach($i in [1..3])$i#end\")$s",
        "#set($s = \"$input.body.split(',')\")$s")) {
      assertFalse(engine.compile("pooled", template).rendersInline(), template);
    }
  }

  @Test
  void plainTextTemplatesCompleteAtOnce() {
    TemplateEngine engine = new TemplateEngine(TemplateLimits.defaults(), new RenderPool(1, 1, 0));
    CompletableFuture<String> render = engine.compile("mock", "{\"statusCode\":200}").renderAsync("api1", MESSAGE);
    assertTrue(render.isDone());
    assertEquals("{\"statusCode\":200}", render.join());
  }

  @Test
  void anApiHammeredWithAnEndlessTemplateLeavesAThreadForOtherApis() throws Exception {
    Duration timeout = Duration.ofSeconds(5);
    TemplateEngine engine = new TemplateEngine(TemplateLimits.defaults().withRenderTimeout(timeout),
        new RenderPool(2, 1, 100));
    CompiledTemplate hostile = engine.compile("hostile", ENDLESS);
    CompiledTemplate friendly = engine.compile("friendly", "#foreach($i in [1..1])ok $input.path('$.a')#end");
    assertFalse(friendly.rendersInline(), "the other API's template renders on the pool too");

    List<CompletableFuture<String>> hammering = new ArrayList<>();
    for (int i = 0; i < 5; i++) hammering.add(hostile.renderAsync("hostileApi", MESSAGE));
    // The hostile API holds one of the two threads (its lane's limit); the other API renders on the other one while
    // the hostile renders still run (were it queued behind them, it would finish only after they end).
    for (int i = 0; i < 20; i++) {
      assertEquals("ok 1", friendly.renderAsync("otherApi", MESSAGE).get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }
    assertTrue(hammering.stream().noneMatch(CompletableFuture::isDone), "the hostile renders are still running");

    Throwable first = failure(hammering.get(0));
    assertInstanceOf(TemplateRenderException.class, first);
    assertTrue(first.getMessage().contains("render timeout"), first.getMessage());
    // The others waited behind it: each either waited longer than the render timeout (and fails without running)
    // or ran to its own timeout.
    for (CompletableFuture<String> queued : hammering.subList(1, hammering.size())) {
      String message = failure(queued).getMessage();
      assertTrue(message.contains("render timeout"), message); // "waited longer than the render timeout" or "exceeded"
    }
  }

  @Test
  void rendersBeyondTheLanesWaitingLimitFailAtOnce() throws Exception {
    TemplateEngine engine = new TemplateEngine(
        TemplateLimits.defaults().withRenderTimeout(Duration.ofMillis(500)), new RenderPool(2, 1, 1));
    CompiledTemplate hostile = engine.compile("hostile", ENDLESS);
    CompletableFuture<String> running = hostile.renderAsync("api1", MESSAGE);
    CompletableFuture<String> waiting = hostile.renderAsync("api1", MESSAGE);
    CompletableFuture<String> refused = hostile.renderAsync("api1", MESSAGE);

    assertTrue(refused.isCompletedExceptionally());
    assertTrue(failure(refused).getMessage().contains("already waiting"), failure(refused).getMessage());
    assertInstanceOf(TemplateRenderException.class, failure(running));
    assertInstanceOf(TemplateRenderException.class, failure(waiting));
  }

  @Test
  void aFailedRenderNamesTheTemplateLineAndColumn() {
    TemplateEngine engine = new TemplateEngine(TemplateLimits.defaults(), new RenderPool(1, 1, 10));
    CompiledTemplate template = engine.compile("request template application/json",
        "{\n  \"a\": $input.json('$.a'),\n  \"b\": $input.getClass()\n}");
    assertFalse(template.rendersInline(), "getClass is no linear method");
    Throwable failure = failure(template.renderAsync("api1", MESSAGE));
    TemplateRenderException e = assertInstanceOf(TemplateRenderException.class, failure);
    assertEquals(3, e.line());
    assertNotEquals(0, e.column());
    assertTrue(e.getMessage().startsWith(
        "Mapping template 'request template application/json' failed at line 3, column "), e.getMessage());
  }

  @Test
  void aTimedOutLoopNamesTheLineOfTheLoop() {
    TemplateEngine engine = new TemplateEngine(
        TemplateLimits.defaults().withRenderTimeout(Duration.ofMillis(200)), new RenderPool(1, 1, 10));
    Throwable failure = failure(engine.compile("loop", "line one\n" + ENDLESS).renderAsync("api1", MESSAGE));
    assertSame(TemplateRenderException.class, failure.getClass());
    assertEquals(2, ((TemplateRenderException) failure).line());
  }
}
