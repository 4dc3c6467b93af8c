package router.expression;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StringifyTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "\"join\"                      | join",
      "\"\"                          | ``",
      "1                             | 1",
      "-42                           | -42",
      "12345678901234567890123       | 12345678901234567890123",
      "1.5                           | 1.5",
      "1.0                           | 1.0",
      "1e20                          | 100000000000000000000",
      "1.5e-7                        | 0.00000015",
      "true                          | true",
      "false                         | false",
      "null                          | ``",
      "[\"a\",\"b\"]                 | [a, b]",
      "[]                            | []",
      "[1,null,[true,{\"x\":2.5}]]   | [1, , [true, {x=2.5}]]",
      "{\"k\":\"v\",\"a\":[1],\"b\":{}} | {k=v, a=[1], b={}}",
  })
  void rendersJsonLikeJavaCollections(String json, String expected) throws JsonProcessingException {
    assertEquals(expected, Stringify.of(MAPPER.readTree(json)));
  }

  @Test
  void rendersAbsentValuesAsEmpty() {
    assertEquals("", Stringify.of((com.fasterxml.jackson.databind.JsonNode) null));
    assertEquals("", Stringify.of(MissingNode.getInstance()));
    assertEquals("", Stringify.of((List<String>) null));
  }

  @Test
  void rendersBigDecimalInPlainForm() {
    assertEquals("1000", Stringify.of(JsonNodeFactory.withExactBigDecimals(true).numberNode(new BigDecimal("1E+3"))));
  }

  @Test
  void rendersMultiValueHeaderLikeAnArray() {
    assertEquals("[a, b]", Stringify.of(List.of("a", "b")));
    assertEquals("[a, ]", Stringify.of(Arrays.asList("a", null)));
  }
}
