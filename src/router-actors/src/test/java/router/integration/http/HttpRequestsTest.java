package router.integration.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import router.integration.EventContext;
import router.integration.IntegrationException;
import router.integration.IntegrationRequest;
import router.model.IntegrationType;
import router.model.Integration;

class HttpRequestsTest {

  private static Integration integration(String type, String method, String uri) {
    return new Integration("int1", type, method, uri, "INTERNET", null, null, null, Map.of(), null, Map.of(),
        Map.of(), null, 29000, null, null, null, null, null, null);
  }

  private static EventContext event(String type, Map<String, List<String>> headers,
      Map<String, List<String>> query) {
    return new EventContext(type, "$connect", null, "req", "req", "conn", 0, 0, "api", "dev", "d", "127.0.0.1",
        "ua", headers, query, null, null, null, false, Map.of());
  }

  private static IntegrationRequest request(IntegrationType type, String method, String uri, String body,
      Map<String, String> headers, Map<String, String> query, EventContext event) {
    return new IntegrationRequest(type, integration(type.name(), method, uri), method, uri, body, headers, query,
        event, System.nanoTime());
  }

  @Test
  void anyMethodIsSentAsPost() {
    assertEquals("POST", HttpRequests.method("ANY"));
    assertEquals("POST", HttpRequests.method(null));
    assertEquals("PUT", HttpRequests.method("put"));
    assertEquals("GET", HttpRequests.method("GET"));
  }

  @Test
  void httpSendsTheRenderedBodyAsJsonToTheUrisTarget() {
    OutboundRequest out = HttpRequests.of(request(IntegrationType.HTTP, "ANY", "https://api.example.com/orders?v=1",
        "{\"a\":1}", Map.of(), Map.of(), event(EventContext.MESSAGE, Map.of(), Map.of())));
    assertEquals(new OutboundRequest.Target("https", "api.example.com", 443), out.target());
    assertEquals("/orders?v=1", out.pathAndQuery());
    assertEquals("POST", out.method());
    assertEquals("application/json", out.contentType());
    assertEquals("{\"a\":1}", out.body());
    assertEquals(List.of(), out.headers());
  }

  @Test
  void convertToBinarySendsTheDecodedBase64AsBytes() {
    IntegrationRequest text = request(IntegrationType.HTTP, "POST", "http://backend.test/bin",
        Base64.getEncoder().encodeToString(new byte[] {0, 1, (byte) 0xff}), Map.of(), Map.of(),
        event(EventContext.MESSAGE, Map.of(), Map.of()));
    IntegrationRequest binary = new IntegrationRequest(text.type(),
        text.integration().toBuilder().contentHandlingStrategy("CONVERT_TO_BINARY").build(), text.method(),
        text.uri(), text.body(), text.headers(), text.queryString(), text.event(), text.deadlineNanos());
    OutboundRequest out = HttpRequests.of(binary);
    assertArrayEquals(new byte[] {0, 1, (byte) 0xff}, out.binaryBody());
    assertEquals("application/octet-stream", out.contentType());
    assertNull(HttpRequests.of(text).binaryBody(), "without the strategy the text goes as it is");

    IntegrationRequest notBase64 = new IntegrationRequest(binary.type(), binary.integration(), binary.method(),
        binary.uri(), "not base64!", Map.of(), Map.of(), binary.event(), binary.deadlineNanos());
    assertThrows(IntegrationException.class, () -> HttpRequests.of(notBase64));
  }

  @Test
  void proxyConnectForwardsHandshakeHeadersAndQueryStringButNotHopByHopOnes() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Host", List.of("gw.example.com"));
    headers.put("Connection", List.of("Upgrade"));
    headers.put("Upgrade", List.of("websocket"));
    headers.put("Sec-WebSocket-Key", List.of("abc"));
    headers.put("Sec-WebSocket-Protocol", List.of("chat"));
    headers.put("Authorization", List.of("Bearer t"));
    headers.put("X-Multi", List.of("a", "b"));
    OutboundRequest out = HttpRequests.of(request(IntegrationType.HTTP_PROXY, "POST", "http://127.0.0.1:9/c", "",
        Map.of(), Map.of(), event(EventContext.CONNECT, headers, Map.of("token", List.of("x y"), "n", List.of("1")))));
    assertEquals(List.of(Map.entry("Sec-WebSocket-Protocol", "chat"), Map.entry("Authorization", "Bearer t"),
        Map.entry("X-Multi", "a"), Map.entry("X-Multi", "b")), out.headers());
    assertTrue(List.of("/c?n=1&token=x+y", "/c?token=x+y&n=1").contains(out.pathAndQuery()), out.pathAndQuery());
    assertNull(out.contentType());
    assertEquals("", out.body());
  }

  @Test
  void httpOnConnectSendsOnlyMappedParameters() {
    OutboundRequest out = HttpRequests.of(request(IntegrationType.HTTP, "GET", "http://h/c", "",
        Map.of("X-Token", "t"), Map.of("user", "u"),
        event(EventContext.CONNECT, Map.of("Authorization", List.of("secret")), Map.of("q", List.of("1")))));
    assertEquals(List.of(Map.entry("X-Token", "t")), out.headers());
    assertEquals("/c?user=u", out.pathAndQuery());
    assertEquals(new OutboundRequest.Target("http", "h", 80), out.target());
  }

  @Test
  void mappedHeadersReplaceForwardedOnesAndMayChooseTheContentType() {
    OutboundRequest out = HttpRequests.of(request(IntegrationType.HTTP_PROXY, "POST", "http://[::1]:8080/m", "hi",
        Map.of("content-type", "text/plain", "X-A", "mapped"), Map.of(),
        event(EventContext.MESSAGE, Map.of(), Map.of())));
    assertEquals("text/plain", out.contentType());
    assertEquals(List.of(Map.entry("X-A", "mapped")), out.headers());
    assertEquals("hi", out.body());
    assertEquals(new OutboundRequest.Target("http", "::1", 8080), out.target());
    assertEquals("http://[::1]:8080", out.target().toString());
  }

  @Test
  void refusesUrisThatAreNotHttpUrls() {
    assertThrows(IntegrationException.class, () -> HttpRequests.of(request(IntegrationType.HTTP, "POST",
        "ftp://h/x", "", Map.of(), Map.of(), null)));
    assertThrows(IntegrationException.class, () -> HttpRequests.of(request(IntegrationType.HTTP, "POST",
        "not a uri", "", Map.of(), Map.of(), null)));
  }

  @Test
  void parsesAnIntegrationUriOnceAndGivesItsPartsWithDefaults() {
    HttpRequests.ParsedUri parts = HttpRequests.parsed("https://[::1]/");
    assertEquals(new OutboundRequest.Target("https", "::1", 443), parts.target());
    assertEquals("/", parts.path());
    assertEquals("", parts.rawQuery());
    org.junit.jupiter.api.Assertions.assertSame(parts, HttpRequests.parsed("https://[::1]/"));
    assertEquals("/a%20b", HttpRequests.parsed("http://h:81/a%20b?x=1").path());
    assertEquals("x=1", HttpRequests.parsed("http://h:81/a%20b?x=1").rawQuery());
  }
}
