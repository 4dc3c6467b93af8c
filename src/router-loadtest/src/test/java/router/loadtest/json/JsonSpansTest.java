package router.loadtest.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonSpansTest {

  private static final byte[] BODY = JsonSpans.key("body");

  private static String value(String json) {
    ByteBuffer buf = ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8));
    long span = JsonSpans.topLevelValue(buf, BODY);
    if (span == JsonSpans.NOT_FOUND) return null;
    return new String(buf.array(), JsonSpans.start(span), JsonSpans.end(span) - JsonSpans.start(span),
        StandardCharsets.UTF_8);
  }

  @Test
  void findsTheTopLevelStringWithItsQuotesAndEscapes() {
    assertEquals("\"{\\\"seq\\\":7}\"", value("{\"a\":1,\"body\":\"{\\\"seq\\\":7}\",\"z\":true}"));
  }

  @Test
  void skipsNestedFieldsOfTheSameNameAndStringsThatLookLikeKeys() {
    String json = "{\"requestContext\":{\"body\":\"inner\",\"list\":[{\"body\":1},\"]}\"]},"
        + "\"note\":\"\\\"body\\\":\\\"fake\\\"\",\"body\":\"outer\"}";
    assertEquals("\"outer\"", value(json));
  }

  @Test
  void toleratesWhitespaceAndReturnsNonStringValuesRaw() {
    assertEquals("{\"x\": [1, 2]}", value(" {\n \"body\" : {\"x\": [1, 2]} }"));
    assertEquals("null", value("{\"body\":null}"));
    assertEquals("\"é ü\"", value("{\"é\":\"x\",\"body\":\"é ü\"}"));
  }

  @Test
  void absentFieldOrNotAnObjectIsNotFound() {
    assertEquals(null, value("{\"bodyx\":\"a\",\"xbody\":\"b\"}"));
    assertEquals(null, value("{}"));
    assertEquals(null, value("[\"body\"]"));
    assertEquals(null, value("{\"a\":\"unterminated"));
    assertEquals(null, value(""));
  }

  @Test
  void offsetsAreRelativeToTheBufferPosition() {
    byte[] bytes = "xx{\"body\":\"b\"}".getBytes(StandardCharsets.UTF_8);
    ByteBuffer buf = ByteBuffer.wrap(bytes, 2, bytes.length - 2).slice();
    ByteBuffer shifted = ByteBuffer.wrap(bytes);
    shifted.position(2);
    assertEquals(JsonSpans.topLevelValue(buf, BODY), JsonSpans.topLevelValue(shifted, BODY));
    assertEquals(8, JsonSpans.start(JsonSpans.topLevelValue(shifted, BODY)));
    assertEquals(11, JsonSpans.end(JsonSpans.topLevelValue(shifted, BODY)));
  }
}
