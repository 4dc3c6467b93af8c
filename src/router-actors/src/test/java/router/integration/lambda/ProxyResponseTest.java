package router.integration.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import router.integration.IntegrationResult;

class ProxyResponseTest {

  @Test
  void readsStatusHeadersAndBody() {
    IntegrationResult r = ProxyResponse.parse(
        "{\"statusCode\":200,\"headers\":{\"Sec-WebSocket-Protocol\":\"chat\"},\"body\":\"hello\"}");
    assertEquals(new IntegrationResult(200, Map.of("sec-websocket-protocol", List.of("chat")), "hello"), r);
  }

  @Test
  void aMissingOrNullBodyIsEmpty() {
    assertEquals("", ProxyResponse.parse("{\"statusCode\":204}").body());
    assertEquals("", ProxyResponse.parse("{\"statusCode\":200,\"body\":null}").body());
  }

  @Test
  void decodesABase64Body() {
    assertEquals("hi", ProxyResponse.parse("{\"statusCode\":200,\"body\":\"aGk=\",\"isBase64Encoded\":true}").body());
  }

  @Test
  void acceptsAStatusCodeGivenAsText() {
    assertEquals(401, ProxyResponse.parse("{\"statusCode\":\"401\"}").statusCode());
  }

  @Test
  void multiValueHeadersWinOverHeadersOfTheSameName() {
    IntegrationResult r = ProxyResponse.parse("{\"statusCode\":200,\"headers\":{\"X-A\":\"1\",\"X-B\":true},"
        + "\"multiValueHeaders\":{\"x-a\":[\"2\",\"3\"]}}");
    assertEquals(Map.of("x-a", List.of("2", "3"), "x-b", List.of("true")), r.headers());
  }

  @Test
  void refusesWhatIsNotAProxyResponse() {
    for (String payload : List.of("", "null", "\"hello\"", "[1]", "not json", "{}", "{\"body\":\"x\"}",
        "{\"statusCode\":\"OK\"}", "{\"statusCode\":42}", "{\"statusCode\":200,\"body\":{\"a\":1}}",
        "{\"statusCode\":200,\"headers\":[]}", "{\"statusCode\":200,\"headers\":{\"a\":{}}}",
        "{\"statusCode\":200,\"multiValueHeaders\":{\"a\":\"b\"}}",
        "{\"statusCode\":200,\"isBase64Encoded\":\"yes\"}",
        "{\"statusCode\":200,\"body\":\"***\",\"isBase64Encoded\":true}")) {
      assertThrows(MalformedProxyResponseException.class, () -> ProxyResponse.parse(payload), payload);
    }
  }

  @Test
  void saysWhyAnAnswerIsMalformed() {
    var e = assertThrows(MalformedProxyResponseException.class, () -> ProxyResponse.parse("{\"body\":\"x\"}"));
    assertTrue(e.getMessage().contains("statusCode is missing"), e.getMessage());
  }

  @Test
  void readsTheInvokeApisBytesAsUtf8() {
    String payload = "{\"statusCode\":200,\"headers\":{\"X-A\":\"1\"},\"body\":\"h\u00e9llo \u2713 \ud83d\ude00\"}";
    IntegrationResult r = ProxyResponse.parse(payload.getBytes(StandardCharsets.UTF_8));
    assertEquals(ProxyResponse.parse(payload), r);
    assertEquals("h\u00e9llo \u2713 \ud83d\ude00", r.body());
  }

  @Test
  void bytesThatAreNotAJsonObjectAreMalformed() {
    for (String payload : List.of("", "  ", "[1]", "{", "\"x\"")) {
      var e = assertThrows(MalformedProxyResponseException.class,
          () -> ProxyResponse.parse(payload.getBytes(StandardCharsets.UTF_8)), payload);
      var fromText = assertThrows(MalformedProxyResponseException.class, () -> ProxyResponse.parse(payload), payload);
      assertEquals(fromText.getMessage(), e.getMessage(), payload);
    }
    assertThrows(MalformedProxyResponseException.class, () -> ProxyResponse.parse((byte[]) null));
  }
}
