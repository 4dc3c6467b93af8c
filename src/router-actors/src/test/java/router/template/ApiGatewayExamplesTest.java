package router.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ApiGatewayExamplesTest {

  // A generous render timeout: the first render in a JVM loads the JSON and JSONPath classes, slow on a busy machine.
  private static final TemplateEngine ENGINE =
      new TemplateEngine(TemplateLimits.defaults().withRenderTimeout(java.time.Duration.ofSeconds(30)));
  private static final Map<String, Object> CONTEXT = Map.of(
      "connectionId", "L0SM9cOFvHcCIhw=",
      "requestId", "L0SM9HwvHcCEBg=",
      "routeKey", "sendmessage",
      "eventType", "MESSAGE",
      "stage", "prod",
      "identity", Map.of("sourceIp", "192.0.2.1"));
  private static final Map<String, String> STAGE = Map.of("backend", "orders-v2");

  private static String render(String template, String body) {
    return ENGINE.compile("test", template)
        .render(TemplateContext.ofMessage(body, CONTEXT, STAGE));
  }

  @Test
  void mockTemplateRendersToItself() {
    assertEquals("{\"statusCode\":200}", render("{\"statusCode\":200}", ""));
  }

  @Test
  void bodyIsTheRawPayload() {
    assertEquals("raw: {\"a\": 1}", render("raw: $input.body", "{\"a\": 1}"));
  }

  @Test
  void jsonGivesTheJsonTextAtAPath() {
    String body = "{\"action\":\"send\",\"message\":\"hi \\\"there\\\"\",\"n\":{\"x\":[1,2]}}";
    assertEquals("\"hi \\\"there\\\"\"", render("$input.json('$.message')", body));
    assertEquals("{\"x\":[1,2]}", render("$input.json('$.n')", body));
    assertEquals(body, render("$input.json('$')", body));
  }

  @Test
  void jsonOfAMissingPathIsEmpty() {
    assertEquals("[]", render("[$input.json('$.nope')]", "{\"a\":1}"));
  }

  @Test
  void nonJsonBodyIsTreatedAsAJsonString() {
    assertEquals("\"hello \\\"you\\\"\" / hello \"you\" / []",
        render("$input.json('$') / $input.path('$') / [$input.json('$.x')]", "hello \"you\""));
  }

  @Test
  void pathGivesNavigableValues() {
    String body = "{\"items\":[{\"id\":1},{\"id\":2},{\"id\":3}],\"things\":{\"1\":{},\"2\":{}}}";
    assertEquals("3 2 2", render(
        "$input.path('$.items').size() $input.path('$.things').size() $input.path('$.items')[1].id",
        body));
  }

  @Test
  void inputRootCanBeNavigatedLikeTheAwsExamples() {
    String template = """
        #set($inputRoot = $input.path('$'))
        {"name": "$inputRoot.name", "first": "$inputRoot.tags[0]", "count": $inputRoot.tags.size()}""";
    assertEquals("{\"name\": \"ann\", \"first\": \"a\", \"count\": 2}",
        render(template, "{\"name\":\"ann\",\"tags\":[\"a\",\"b\"]}"));
  }

  @Test
  void foreachOverPathResultsWithHasNext() {
    String template = "#foreach($item in $input.path('$.items'))$item.id#if($foreach.hasNext),#end#end";
    assertEquals("1,2,3", render(template, "{\"items\":[{\"id\":1},{\"id\":2},{\"id\":3}]}"));
  }

  @Test
  void contextVariablesAreExposedIncludingNestedIdentity() {
    assertEquals("L0SM9cOFvHcCIhw= L0SM9HwvHcCEBg= sendmessage MESSAGE prod 192.0.2.1", render(
        "$context.connectionId $context.requestId $context.routeKey $context.eventType "
            + "$context.stage $context.identity.sourceIp", ""));
  }

  @Test
  void stageVariablesAreExposedBothWays() {
    assertEquals("orders-v2 orders-v2", render(
        "$stageVariables.backend $stageVariables['backend']", ""));
  }

  @Test
  void undefinedVariablesRenderAsNothing() {
    assertEquals("\"\" \"\" \"\"", render(
        "\"$context.missing\" \"$nothing\" \"$stageVariables.nope\"", ""));
  }

  @Test
  void paramsLooksInPathThenQueryStringThenHeaders() {
    TemplateContext request = new TemplateContext("", CONTEXT, STAGE,
        Map.of("id", "from-path"), Map.of("id", "from-query", "q", "query"),
        new TreeMap<>(Map.of("id", "from-header", "h", "header", "q", "header-q")));
    assertEquals("from-path query header []", ENGINE.compile("t",
        "$input.params('id') $input.params('q') $input.params('h') [$input.params('none')]")
        .render(request));
  }

  @Test
  void paramsWithoutNameGivesAllParameterMapsInApiGatewayOrder() {
    TemplateContext request = new TemplateContext("", CONTEXT, STAGE,
        Map.of("p", "1"), Map.of("q", "2"), Map.of("h", "3"));
    String template = """
        #set($all = $input.params())
        #foreach($type in $all.keySet())$type:#foreach($name in $all.get($type).keySet())$name=$all.get($type).get($name)#end;#end""";
    assertEquals("path:p=1;querystring:q=2;header:h=3;",
        ENGINE.compile("t", template).render(request));
  }

  @Test
  void inputReusesTheTreeTheCallerParsedInsteadOfParsingTheBodyAgain() throws Exception {
    String body = "{\"a\":{\"b\":[1,2]}}";
    com.fasterxml.jackson.databind.JsonNode tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
    java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
    TemplateContext request = new TemplateContext(body, CONTEXT, STAGE, Map.of(), Map.of(), Map.of(), () -> {
      asked.incrementAndGet();
      return tree;
    });
    assertEquals("[1,2] 2 2 {\"b\":[1,2]}", ENGINE.compile("t",
        "$input.json('$.a.b') $input.path('$.a.b').size() $input.path('$.a.b')[1] $input.json('$.a')")
        .render(request));
    assertEquals(1, asked.get(), "the tree is taken once and shared by every $input use");

    TemplateContext notJson = new TemplateContext("{\"looks\":\"like json\"}", CONTEXT, STAGE, Map.of(), Map.of(),
        Map.of(), () -> null);
    assertEquals("[] \"{\\\"looks\\\":\\\"like json\\\"}\"", ENGINE.compile("t",
        "[$input.json('$.looks')] $input.json('$')").render(notJson), "the caller's verdict stands");
  }

  @Test
  void parsedJsonCanBeAmendedWithinOneRender() {
    String template = "#set($m = $util.parseJson($input.body))#set($m.extra = 'x')"
        + "#set($ignored = $m.put('n', 2))$m";
    assertEquals("{a=1, extra=x, n=2}", render(template, "{\"a\":1}"));
  }

  @Test
  void literalsAndArithmeticWork() {
    // as in Velocity 1.7, which API Gateway runs, #set swallows the whitespace after it
    assertEquals("6[1, 2]{k=v} 1,2,3,abc", render(
        "#set($n = 2 * 3)$n #set($l = [1, 2])$l #set($m = {'k': 'v'})$m "
            + "#foreach($i in [1..3])$i,#end #set($s = 'a' + 'b' + 'c')$s", ""));
  }

  @Test
  void stringMethodsWork() {
    assertEquals("HELLO 5 ell he-lo [he, , o] 3 true", render(
        "#set($s = 'hello')$s.toUpperCase() $s.length() $s.substring(1, 4) "
            + "$s.replaceFirst('l', '-') $s.split('l') $s.split('l').size() $s.matches('h.*o')",
        ""));
  }
}
