package router.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateEngineTest {

  private static final TemplateEngine ENGINE = new TemplateEngine();

  @Test
  void parseErrorsReportVelocityMessageWithLineAndColumn() {
    InvalidTemplateException e = assertThrows(InvalidTemplateException.class,
        () -> ENGINE.compile("sendmessage/application/json", "{\n  \"a\": #if($x\n}"));
    assertTrue(e.getMessage().startsWith("Invalid mapping expression specified: "),
        e.getMessage());
    assertTrue(e.getMessage().contains("sendmessage/application/json[line 3, column"),
        e.getMessage());
  }

  @Test
  void templatesOverTheSizeQuotaAreRejectedBeforeParsing() {
    String tooBig = "x".repeat(TemplateLimits.DEFAULT_MAX_TEMPLATE_BYTES + 1);
    InvalidTemplateException e = assertThrows(InvalidTemplateException.class,
        () -> ENGINE.compile("big", tooBig));
    assertTrue(e.getMessage().contains("maximum is 307200"), e.getMessage());
  }

  @Test
  void sizeQuotaCountsUtf8Bytes() {
    String twoBytesEach = "é".repeat(TemplateLimits.DEFAULT_MAX_TEMPLATE_BYTES / 2 + 1);
    assertThrows(InvalidTemplateException.class, () -> ENGINE.compile("big", twoBytesEach));
  }

  @Test
  void macrosAreLocalToTheTemplateThatDefinesThem() {
    ENGINE.compile("a", "#macro(greet)from a#end#greet()");
    CompiledTemplate b = ENGINE.compile("b", "#greet()");
    assertEquals("#greet()", b.render(TemplateContext.ofMessage("", Map.of(), Map.of())));
  }

  @Test
  void compiledTemplatesAreReusable() {
    CompiledTemplate template = ENGINE.compile("t", "$input.path('$.n')");
    assertEquals("1", template.render(TemplateContext.ofMessage("{\"n\":1}", Map.of(), Map.of())));
    assertEquals("2", template.render(TemplateContext.ofMessage("{\"n\":2}", Map.of(), Map.of())));
  }
}
