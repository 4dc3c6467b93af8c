package router.integration.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import router.integration.EventContext;

/**
 * The events compared byte for byte with API Gateway's as Lambda receives them (captures of real events: field
 * names, order, presence per event type).
 */
class ProxyEventTest {
  private static final long CONNECTED_AT = 1586455389000L;
  private static final long REQUEST_TIME = 1586455390000L; // 09/Apr/2020:18:03:10 +0000
  private static final String DOMAIN = "abcd1234.execute-api.us-east-1.amazonaws.com";

  private static EventContext event(String type, String routeKey, String messageId, Map<String, List<String>> headers,
      Map<String, List<String>> query, Integer closeCode, String closeReason, String body, boolean base64,
      String userAgent, Map<String, String> stageVariables) {
    return new EventContext(type, routeKey, messageId, "ABCD1234=", "ABCD1234=", "AAAA1234=", CONNECTED_AT,
        REQUEST_TIME, "abcd1234", "prod", DOMAIN, "192.0.2.1", userAgent, headers, query, closeCode, closeReason,
        body, base64, stageVariables);
  }

  @Test
  void connectHasTheHandshakeHeadersAndNoMessageIdOrBody() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Host", List.of(DOMAIN));
    headers.put("Sec-WebSocket-Version", List.of("13"));
    headers.put("X-Twice", List.of("a", "b"));
    String json = ProxyEvent.json(event(EventContext.CONNECT, "$connect", null, headers, Map.of(), null, null, null,
        false, null, Map.of()));
    assertEquals("{\"headers\":{\"Host\":\"" + DOMAIN + "\",\"Sec-WebSocket-Version\":\"13\",\"X-Twice\":\"b\"},"
        + "\"multiValueHeaders\":{\"Host\":[\"" + DOMAIN + "\"],\"Sec-WebSocket-Version\":[\"13\"],"
        + "\"X-Twice\":[\"a\",\"b\"]},"
        + "\"requestContext\":{\"routeKey\":\"$connect\",\"eventType\":\"CONNECT\",\"extendedRequestId\":\"ABCD1234=\","
        + "\"requestTime\":\"09/Apr/2020:18:03:10 +0000\",\"messageDirection\":\"IN\",\"stage\":\"prod\","
        + "\"connectedAt\":1586455389000,\"requestTimeEpoch\":1586455390000,\"identity\":{\"sourceIp\":\"192.0.2.1\"},"
        + "\"requestId\":\"ABCD1234=\",\"domainName\":\"" + DOMAIN + "\",\"connectionId\":\"AAAA1234=\","
        + "\"apiId\":\"abcd1234\"},\"isBase64Encoded\":false}", json);
  }

  @Test
  void connectWithAQueryStringHasBothQueryMaps() {
    Map<String, List<String>> query = new LinkedHashMap<>();
    query.put("token", List.of("t1"));
    query.put("tag", List.of("x", "y"));
    String json = ProxyEvent.json(event(EventContext.CONNECT, "$connect", null, Map.of(), query, null, null, null,
        false, "wscat", Map.of()));
    assertEquals("{\"headers\":{},\"multiValueHeaders\":{},"
        + "\"queryStringParameters\":{\"token\":\"t1\",\"tag\":\"y\"},"
        + "\"multiValueQueryStringParameters\":{\"token\":[\"t1\"],\"tag\":[\"x\",\"y\"]},"
        + "\"requestContext\":{\"routeKey\":\"$connect\",\"eventType\":\"CONNECT\",\"extendedRequestId\":\"ABCD1234=\","
        + "\"requestTime\":\"09/Apr/2020:18:03:10 +0000\",\"messageDirection\":\"IN\",\"stage\":\"prod\","
        + "\"connectedAt\":1586455389000,\"requestTimeEpoch\":1586455390000,"
        + "\"identity\":{\"sourceIp\":\"192.0.2.1\",\"userAgent\":\"wscat\"},"
        + "\"requestId\":\"ABCD1234=\",\"domainName\":\"" + DOMAIN + "\",\"connectionId\":\"AAAA1234=\","
        + "\"apiId\":\"abcd1234\"},\"isBase64Encoded\":false}", json);
  }

  @Test
  void messageHasTheMessageIdAndBodyAndNoHeaders() {
    String json = ProxyEvent.json(event(EventContext.MESSAGE, "sendmessage", "Kf2dGd9lywMCEng=", Map.of(), Map.of(),
        null, null, "{\"action\":\"sendmessage\"}", false, "Mozilla/5.0", Map.of()));
    assertEquals("{\"requestContext\":{\"routeKey\":\"sendmessage\",\"messageId\":\"Kf2dGd9lywMCEng=\","
        + "\"eventType\":\"MESSAGE\",\"extendedRequestId\":\"ABCD1234=\","
        + "\"requestTime\":\"09/Apr/2020:18:03:10 +0000\",\"messageDirection\":\"IN\",\"stage\":\"prod\","
        + "\"connectedAt\":1586455389000,\"requestTimeEpoch\":1586455390000,"
        + "\"identity\":{\"sourceIp\":\"192.0.2.1\",\"userAgent\":\"Mozilla/5.0\"},"
        + "\"requestId\":\"ABCD1234=\",\"domainName\":\"" + DOMAIN + "\",\"connectionId\":\"AAAA1234=\","
        + "\"apiId\":\"abcd1234\"},\"body\":\"{\\\"action\\\":\\\"sendmessage\\\"}\",\"isBase64Encoded\":false}", json);
  }

  @Test
  void binaryMessageIsBase64Encoded() {
    String json = ProxyEvent.json(event(EventContext.MESSAGE, "$default", "m", Map.of(), Map.of(), null, null, "AAE=",
        true, null, Map.of()));
    assertEquals(true, json.endsWith(",\"body\":\"AAE=\",\"isBase64Encoded\":true}"), json);
  }

  @Test
  void disconnectHasTheCloseStatusAndApiGatewaysFixedHeaders() {
    String json = ProxyEvent.json(event(EventContext.DISCONNECT, "$disconnect", null, Map.of(), Map.of(), 1005,
        "Client-side close frame status not set", null, false, null, Map.of()));
    assertEquals("{\"headers\":{\"Host\":\"" + DOMAIN + "\",\"x-api-key\":\"\",\"X-Forwarded-For\":\"\","
        + "\"x-restapi\":\"\"},\"multiValueHeaders\":{\"Host\":[\"" + DOMAIN + "\"],\"x-api-key\":[\"\"],"
        + "\"X-Forwarded-For\":[\"\"],\"x-restapi\":[\"\"]},"
        + "\"requestContext\":{\"routeKey\":\"$disconnect\",\"disconnectStatusCode\":1005,"
        + "\"eventType\":\"DISCONNECT\",\"extendedRequestId\":\"ABCD1234=\","
        + "\"requestTime\":\"09/Apr/2020:18:03:10 +0000\",\"messageDirection\":\"IN\","
        + "\"disconnectReason\":\"Client-side close frame status not set\",\"stage\":\"prod\","
        + "\"connectedAt\":1586455389000,\"requestTimeEpoch\":1586455390000,\"identity\":{\"sourceIp\":\"192.0.2.1\"},"
        + "\"requestId\":\"ABCD1234=\",\"domainName\":\"" + DOMAIN + "\",\"connectionId\":\"AAAA1234=\","
        + "\"apiId\":\"abcd1234\"},\"isBase64Encoded\":false}", json);
  }

  @Test
  void stageVariablesComeBeforeTheRequestContext() {
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("env", "beta");
    String json = ProxyEvent.json(event(EventContext.MESSAGE, "$default", "m", Map.of(), Map.of(), null, null, "x",
        false, null, variables));
    assertEquals(true, json.startsWith("{\"stageVariables\":{\"env\":\"beta\"},\"requestContext\":{"), json);
  }

  @Test
  void requestTimeIsInCommonLogFormatUtc() {
    assertEquals("01/Jan/1970:00:00:00 +0000", ProxyEvent.REQUEST_TIME.format(java.time.Instant.EPOCH));
  }

  @Test
  void theInvokePayloadIsTheJsonTextInUtf8() {
    EventContext e = event(EventContext.MESSAGE, "$default", "m", Map.of(), Map.of(), null, null,
        "h\u00e9llo \u2713 \ud83d\ude00", false, null, Map.of());
    byte[] payload = ProxyEvent.utf8(e);
    assertEquals(ProxyEvent.json(e), new String(payload, StandardCharsets.UTF_8));
    assertTrue(ProxyEvent.json(e).contains("\"body\":\"h\u00e9llo \u2713 \ud83d\ude00\""), ProxyEvent.json(e));
  }
}
