package router.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class UtilVariableTest {

  // A generous render timeout: the first render in a JVM loads the JSON and JSONPath classes, slow on a busy machine.
  private static final TemplateEngine ENGINE =
      new TemplateEngine(TemplateLimits.defaults().withRenderTimeout(java.time.Duration.ofSeconds(30)));

  private static String render(String template, String body) {
    return ENGINE.compile("util", template)
        .render(TemplateContext.ofMessage(body, Map.of(), Map.of()));
  }

  @Test
  void escapeJavaScriptFollowsJavaScriptStringRules() {
    assertEquals("it\\'s \\\"q\\\" a\\\\b \\/ \\n\\t\\r\\b\\f \\u0001 caf\\u00E9 \\u20AC",
        render("$util.escapeJavaScript($input.body)",
            "it's \"q\" a\\b / \n\t\r\b\f \u0001 café €"));
  }

  @Test
  void escapedSingleQuotesCanBeUndoneAsTheAwsDocsShow() {
    assertEquals("it's", render("$util.escapeJavaScript($input.body).replaceAll(\"\\\\'\",\"'\")",
        "it's"));
  }

  @Test
  void parseJsonGivesNavigableObjects() {
    String body = "{\"errorMessage\":\"{\\\"key1\\\":\\\"var1\\\",\\\"key2\\\":{\\\"arr\\\":[1,2,3]}}\"}";
    String template = """
        #set ($errorMessageObj = $util.parseJson($input.path('$.errorMessage')))
        {"errorMessageObjKey2ArrVal" : $errorMessageObj.key2.arr[0]}""";
    assertEquals("{\"errorMessageObjKey2ArrVal\" : 1}", render(template, body));
  }

  @Test
  void parseJsonOfInvalidJsonFailsTheRender() {
    TemplateRenderException e = assertThrows(TemplateRenderException.class,
        () -> render("$util.parseJson('{nope')", ""));
    assertTrue(e.getMessage().contains("parseJson"), e.getMessage());
  }

  @Test
  void urlEncodeAndDecodeUseFormEncoding() {
    assertEquals("a+b%26c%3D%C3%A9 a b&c=é",
        render("$util.urlEncode($input.body) $util.urlDecode('a+b%26c%3D%C3%A9')", "a b&c=é"));
  }

  @Test
  void base64EncodeAndDecodeUseUtf8() {
    assertEquals("aMOpbGxv héllo", render(
        "$util.base64Encode($input.body) $util.base64Decode('aMOpbGxv')", "héllo"));
  }

  @Test
  void undefinedArgumentsGiveNothing() {
    assertEquals("[]", render("[$util.escapeJavaScript($nothing)$util.base64Encode($nothing)]", ""));
  }
}
