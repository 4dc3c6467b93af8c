package router.loadtest.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void writerOutputParsesBackToTheSameValues() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("s", "quote \" backslash \\ newline \n tab \t");
    m.put("n", 42L);
    m.put("d", 1.5);
    m.put("whole", 3.0);
    m.put("b", true);
    m.put("nothing", null);
    m.put("list", List.of(1L, "two", List.of()));
    m.put("map", Map.of("k", "v"));
    String json = JsonWriter.write(m);
    Map<String, Object> back = JsonReader.parseObject(json);
    assertEquals(m.get("s"), back.get("s"));
    assertEquals(42L, back.get("n"));
    assertEquals(1.5, back.get("d"));
    assertEquals(3L, back.get("whole"));
    assertEquals(true, back.get("b"));
    assertNull(back.get("nothing"));
    assertEquals(List.of(1L, "two", List.of()), back.get("list"));
    assertEquals(Map.of("k", "v"), back.get("map"));
  }

  @Test
  void readerRejectsMalformedInput() {
    assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("{\"a\":}"));
    assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("[1,2"));
    assertThrows(IllegalArgumentException.class, () -> JsonReader.parse("{} x"));
  }

  @Test
  void seqFieldIsFoundWithSpacesAndInsideAnEchoEnvelope() {
    assertEquals(12, JsonFields.longField("{\"action\":\"echo\",\"seq\":12,\"data\":\"x\"}", "seq"));
    assertEquals(12, JsonFields.longField("{\"echo\": {\"action\": \"echo\", \"seq\" : 12}}", "seq"));
    assertEquals(9007199254740L, JsonFields.longField("{\"seq\":9007199254740}", "seq"));
  }

  @Test
  void seqFieldIsNotConfusedWithAStringValueOrALongerName() {
    assertEquals(5, JsonFields.longField("{\"data\":\"seq\",\"subseq\":3,\"seq\":5}", "seq"));
    assertEquals(JsonFields.MISSING, JsonFields.longField("{\"message\": \"Internal server error\"}", "seq"));
    assertEquals(JsonFields.MISSING, JsonFields.longField("{\"seq\":\"12\"}", "seq"));
  }

  @Test
  void connectionIdFieldIsReadFromAWhoAmIReply() {
    assertEquals("L0SM9cOFvHcCIhw=", JsonFields.stringField("{\"connectionId\": \"L0SM9cOFvHcCIhw=\"}", "connectionId"));
    assertNull(JsonFields.stringField("{\"action\":\"whoami\"}", "connectionId"));
  }
}
