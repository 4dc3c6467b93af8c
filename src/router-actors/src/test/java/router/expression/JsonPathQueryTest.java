package router.expression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonPathQueryTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String DOCUMENT = "{\"a\":{\"b\":[10,{\"c\":\"deep\"},null]},\"x-y\":\"dash\",\"s p\":true,"
      + "\"n\":2.5,\"z\":null,\"arr\":[[1,2],[3]]}";

  private static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"$", "$.a", "$.a.b", "$.a.b[0]", "$.a.b[1].c", "$.a.b[-1]", "$.a.b[-2]['c']", "$.a.b[7]",
      "$.a.b[-9]", "$.x-y", "$['s p']", "$[\"s p\"]", "$.n", "$.z", "$.missing.deeper", "$.a[0]", "$.a.b.c",
      "$.arr[1][0]", "$.x-y.more", "$[0]"})
  void walksSimplePathsExactlyAsJaywayReadsThem(String path) {
    JsonPathQuery walker = JsonPathQuery.compile(path);
    assertTrue(walker.isSimple(), path);
    JsonNode document = json(DOCUMENT);
    assertEquals(JsonPathQuery.compileWithJayway(path).readAsString(document), walker.readAsString(document), path);
    JsonNode array = json("[\"first\",{\"a\":1}]");
    assertEquals(JsonPathQuery.compileWithJayway(path).readAsString(array), walker.readAsString(array), path);
  }

  @Test
  void returnsTheNodeInTheDocumentWithoutCopying() {
    JsonNode document = json(DOCUMENT);
    assertSame(document.get("a").get("b"), JsonPathQuery.compile("$.a.b").read(document));
    assertNull(JsonPathQuery.compile("$.nothing").read(document));
    assertNull(JsonPathQuery.compile("$.a").read(null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"$.a.b[*]", "$..c", "$.a.*", "$.a.b[0:2]", "$.a.b[?(@.c)]", "$['a','x-y']", "$.a.b.length()",
      "$['it\\'s']"})
  void leavesRicherPathsToJayway(String path) {
    assertFalse(JsonPathQuery.compile(path).isSimple(), path);
  }

  @Test
  void readsRicherPathsWithJayway() {
    JsonNode document = json(DOCUMENT);
    assertEquals("[10, {c=deep}, ]", JsonPathQuery.compile("$.a.b[*]").readAsString(document));
    assertEquals("[deep]", JsonPathQuery.compile("$..c").readAsString(document));
    assertEquals("[10, {c=deep}]", JsonPathQuery.compile("$.a.b[0:2]").readAsString(document));
    assertEquals("[{c=deep}]", JsonPathQuery.compile("$.a.b[?(@.c == 'deep')]").readAsString(document));
    assertEquals("3", JsonPathQuery.compile("$.a.b.length()").readAsString(document));
  }

  @Test
  void readsIndefinitePathMatchingNothingAsMissing() {
    JsonNode document = json(DOCUMENT);
    assertNull(JsonPathQuery.compile("$.missing[*]").read(document));
    assertEquals("", JsonPathQuery.compile("$.arr[1][1:]").readAsString(document));
    assertEquals("[]", JsonPathQuery.compile("$.empty").readAsString(json("{\"empty\":[]}")));
  }

  @Test
  void rejectsInvalidPathsAtCompileTime() {
    for (String path : List.of("$.", "$..", "$.a[", "$[", "$.a]", "$['a']x", "$.a[0]]", "$.a.b)", "$['a", "$[?(@.a ==]",
        "a.b")) {
      assertThrows(IllegalArgumentException.class, () -> JsonPathQuery.compile(path), path);
    }
  }
}
