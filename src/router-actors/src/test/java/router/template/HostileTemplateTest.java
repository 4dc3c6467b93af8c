package router.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Templates that would hang the thread, exhaust the heap (tests run with -Xmx1g) or reach outside
 * the sandbox without its defences; each must fail its render cleanly instead.
 */
class HostileTemplateTest {

  /** A regression must fail the test, not hang the build. */
  private static final Duration SAFETY_NET = Duration.ofSeconds(30);
  /** For templates that must hit a limit other than time: the timeout is only a backstop. */
  private static final TemplateEngine ENGINE = new TemplateEngine(
      TemplateLimits.defaults().withRenderTimeout(Duration.ofSeconds(10)));
  /** For templates that can only be stopped by the clock. */
  private static final TemplateEngine IMPATIENT_ENGINE = new TemplateEngine(
      TemplateLimits.defaults().withRenderTimeout(Duration.ofMillis(200)));

  private static String render(TemplateEngine engine, String template) {
    return engine.compile("hostile", template)
        .render(TemplateContext.ofMessage("{\"a\":1}", Map.of("stage", "prod"), Map.of()));
  }

  private static String render(String template) {
    return render(ENGINE, template);
  }

  private static String renderFailure(String template) {
    return failure(ENGINE, template);
  }

  private static String timeoutFailure(String template) {
    String message = failure(IMPATIENT_ENGINE, template);
    assertMentions(message, "render timeout");
    return message;
  }

  private static String failure(TemplateEngine engine, String template) {
    return assertTimeoutPreemptively(SAFETY_NET, () -> assertThrows(
        TemplateRenderException.class, () -> render(engine, template))).getMessage();
  }

  private static void assertMentions(String message, String expected) {
    assertTrue(message.contains(expected), () -> "'" + expected + "' not in: " + message);
  }

  @Test
  void hugeLoopStopsAtTheLoopCapLikeApiGateway() {
    String output = assertTimeoutPreemptively(SAFETY_NET,
        () -> render("#foreach($i in [1..100000])x#end"));
    assertEquals(TemplateLimits.DEFAULT_MAX_FOREACH_LOOPS, output.length());
  }

  @Test
  void nestedLoopsEndAtTheRenderTimeout() {
    timeoutFailure(
        "#foreach($a in [1..1000])#foreach($b in [1..1000])#foreach($c in [1..1000])"
            + "#end#end#end");
  }

  @Test
  void macroFanOutEndsAtTheRenderTimeout() {
    // each call recomputes its argument: $n is restored when a nested call returns
    String tenCalls = "#set($j = $n - 1)#m($j)".repeat(10);
    timeoutFailure("#macro(m $n)#if($n > 0)" + tenCalls + "#end#end#m(15)");
  }

  @Test
  void macroSelfRecursionIsCutAtTheDepthLimit() {
    assertMentions(renderFailure("#macro(r)#r()#end#r()"), "depth");
  }

  @Test
  void stringDoublingByInterpolationHitsTheStringLimit() {
    assertMentions(renderFailure(
        "#set($s = 'x')#foreach($i in [1..64])#set($s = \"$s$s\")#end$s"), "limit");
  }

  @Test
  void stringDoublingByConcatHitsTheStringLimit() {
    assertMentions(renderFailure(
        "#set($s = 'x')#foreach($i in [1..64])#set($s = $s.concat($s))#end"), "limit");
  }

  @Test
  void stringDoublingByPlusHitsTheStringLimit() {
    assertMentions(renderFailure(
        "#set($s = 'x')#foreach($i in [1..64])#set($s = $s + $s)#end"), "limit");
  }

  @Test
  void longPlusChainFailsAtTheFirstOversizedConcatenation() {
    assertMentions(renderFailure(
        "#set($x = 'x')#set($s = $x.repeat(600000))"
            + "#set($t = $s + $s + $s + $s + $s + $s + $s + $s)"),
        "limit");
  }

  @Test
  void repeatIsCheckedBeforeItAllocates() {
    assertMentions(renderFailure("#set($s = 'xx')$s.repeat(2000000000)"), "limit");
  }

  @Test
  void replaceIsCheckedBeforeItAllocates() {
    assertMentions(renderFailure(
        "#set($x = 'x')#set($s = $x.repeat(30000))$s.replace('x', $s)"), "limit");
  }

  @Test
  void replaceAllIsCheckedAsItGrows() {
    assertMentions(renderFailure(
        "#set($x = 'x')#set($s = $x.repeat(30000))$s.replaceAll('x', $s)"), "limit");
    assertMentions(renderFailure(
        "#set($x = 'x')#set($s = $x.repeat(30000))$s.replaceAll('(?=(x+))x', '$1')"), "limit");
  }

  @Test
  void nestedCollectionsCannotPrintExponentially() {
    assertMentions(renderFailure(
        "#set($l = ['xxxxxxxxxx'])#foreach($i in [1..60])#set($l = [$l, $l])#end$l"), "limit");
  }

  @Test
  void nestedCollectionsCannotBeComparedAsHugeStrings() {
    assertMentions(renderFailure(
        "#set($l = ['xxxxxxxxxx'])#foreach($i in [1..60])#set($l = [$l, $l])#end"
            + "#if($l == 'x')yes#end"), "limit");
  }

  @Test
  void nestedCollectionsCannotBeComparedExponentially() {
    timeoutFailure(
        "#set($a = ['x'])#set($b = ['x'])"
            + "#foreach($i in [1..60])#set($a = [$a, $a])#set($b = [$b, $b])#end"
            + "#if($a.equals($b))same#end");
  }

  @Test
  void nestedMapsCannotBeSerialisedExponentially() {
    assertMentions(renderFailure(
        "#set($m = {'x': 1})#foreach($i in [1..60])#set($m = {'l': $m, 'r': $m})#end"
            + "#set($root = $input.path('$'))#set($root.m = $m)$input.json('$.m')"), "limit");
  }

  @Test
  void repeatedSquaringCannotGrowWithoutEnd() {
    assertMentions(renderFailure(
        "#set($n = 3)#foreach($i in [1..100])#set($n = $n * $n)#end"), "bits");
  }

  @Test
  void hugeRangesStayLazyAndPrintOnlyUpToTheStringLimit() {
    assertEquals("2000000000 1000", render("#set($r = [1..2000000000])#set($n = 0)"
        + "#foreach($i in $r)#set($n = $n + 1)#end$r.size() $n"));
    assertMentions(renderFailure("#set($r = [1..2000000000])$r"), "limit");
    assertMentions(renderFailure("#if([1..2000000000] == 'x')yes#end"), "limit");
  }

  @Test
  void retainedStringsAreChargedToTheAllocationBudget() {
    assertMentions(renderFailure(
        "#set($x = 'x')#set($s = $x.repeat(1000000))#set($l = [])"
            + "#foreach($i in [1..1000])#set($ignored = $l.add(\"$s\"))#end"), "allocation budget");
  }

  @Test
  void hugeInputJsonRepeatedHitsTheOutputCap() {
    String body = "{\"blob\":\"" + "x".repeat(120 * 1024) + "\"}";
    TemplateRenderException e = assertThrows(TemplateRenderException.class, () -> ENGINE.compile("hostile",
        "#foreach($i in [1..1000])$input.json('$')$input.json('$.blob')#end")
        .render(TemplateContext.ofMessage(body, Map.of(), Map.of())));
    assertMentions(e.getMessage(), "output exceeds");
  }

  @Test
  void outputIsCapped() {
    assertMentions(renderFailure(
        "#set($x = 'x')#set($s = $x.repeat(10000))#foreach($i in [1..1000])$s#end"),
        "output exceeds");
  }

  @Test
  void catastrophicRegexEndsAtTheRenderTimeout() {
    timeoutFailure("#set($s = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaa!')$s.matches('(.*a){20}')");
  }

  @Test
  void worstCaseStringSearchEndsAtTheRenderTimeout() {
    String strings = "#set($x = 'a')#set($hay = $x.repeat(1000000))"
        + "#set($needle = \"${x.repeat(500000)}b\")";
    timeoutFailure(strings + "$hay.indexOf($needle)");
    timeoutFailure(strings + "$hay.lastIndexOf($needle)");
    timeoutFailure(strings + "$hay.contains($needle)");
  }

  @Test
  void jsonPathRegexFiltersAreRefused() {
    assertMentions(renderFailure("$input.path('$[?(@.a =~ /(a+)+b/)]')"), "not supported");
  }

  @Test
  void getClassIsRefusedOnEveryVariable() {
    assertMentions(renderFailure("$input.getClass().forName('java.lang.Runtime')"),
        "'getClass'");
    assertMentions(renderFailure("$context.getClass().getClassLoader()"), "'getClass'");
    assertMentions(renderFailure("$input.body.getClass()"), "not allowed");
    assertMentions(renderFailure("#set($x = $util.class)"), "'class'");
    assertMentions(renderFailure("$input.class.classLoader"), "'class'");
  }

  @Test
  void otherJavaMethodsAreRefused() {
    assertMentions(renderFailure("$input.body.getBytes()"), "'getBytes'");
    assertMentions(renderFailure("$input.body.chars()"), "'chars'");
    assertMentions(renderFailure("#set($l = [1])$l.addAll($l)"), "'addAll'");
    assertMentions(renderFailure("$input.nonexistent()"), "nonexistent");
  }

  @Test
  void classKeyOfAMapIsJustAKey() {
    assertEquals("[]", render("[$stageVariables.class]"));
  }

  @Test
  void callerMapsAreReadOnly() {
    assertMentions(renderFailure("$context.put('stage', 'evil')"), "'put'");
    assertMentions(renderFailure("#set($context.stage = 'evil')"), "'stage'");
    assertMentions(renderFailure("$input.params().path.put('x', 'y')"), "'put'");
  }

  @Test
  void resourceDirectivesAreRejectedAtCompileTime() {
    for (String template : new String[] {
        "#parse('/etc/passwd')", "#include('/etc/passwd')", "#evaluate('$input.body')",
        "#define($x)text#end", "#set($x = \"#include('/etc/passwd')\")",
        "#macro(m)$bodyContent#end#@m()body#end"}) {
      InvalidTemplateException e = assertThrows(InvalidTemplateException.class,
          () -> ENGINE.compile("hostile", template), template);
      assertMentions(e.getMessage(), "Invalid mapping expression specified: ");
      assertMentions(e.getMessage(), "not");
    }
  }

  @Test
  void pathologicalNestingIsRejectedAtCompileTime() {
    String deep = "(".repeat(100_000) + "1" + ")".repeat(100_000);
    assertTimeoutPreemptively(SAFETY_NET, () -> assertThrows(InvalidTemplateException.class,
        () -> ENGINE.compile("hostile", "#set($x = " + deep + ")")));
  }
}
