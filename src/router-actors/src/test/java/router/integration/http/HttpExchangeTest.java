package router.integration.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpCharsets;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.junit.jupiter.api.Test;
import router.integration.IntegrationException;
import router.integration.IntegrationResult;

/** The conversions between our request/answer and pekko-http's model, without any connection. */
class HttpExchangeTest {
  private static final OutboundRequest.Target TARGET = new OutboundRequest.Target("http", "h", 80);

  @Test
  void buildsTheRequestWithItsMethodTargetHeadersAndTypedBody() {
    HttpRequest request = HttpExchange.pekkoRequest(new OutboundRequest("PUT", TARGET, "/a?b=1",
        List.of(Map.entry("X-Trace", "t1"), Map.entry("Authorization", "Bearer x")), "text/plain; charset=UTF-8",
        "héllo"));
    assertEquals("PUT", request.method().value());
    assertEquals("/a?b=1", request.getUri().toString());
    assertEquals("t1", request.getHeader("X-Trace").orElseThrow().value());
    assertEquals("Bearer x", request.getHeader("Authorization").orElseThrow().value());
    assertEquals("text/plain; charset=UTF-8", request.entity().getContentType().toString());
    assertEquals("héllo", ((HttpEntity.Strict) request.entity()).getData().decodeString(StandardCharsets.UTF_8));
  }

  @Test
  void sendsNoEntityWithoutABodyAndJsonForAnUnparsableContentType() {
    HttpRequest empty = HttpExchange.pekkoRequest(new OutboundRequest("GET", TARGET, "/", List.of(), null, ""));
    assertEquals(ContentTypes.NO_CONTENT_TYPE, empty.entity().getContentType());
    HttpRequest odd =
        HttpExchange.pekkoRequest(new OutboundRequest("POST", TARGET, "/", List.of(), "not a type", "{}"));
    assertEquals(ContentTypes.APPLICATION_JSON, odd.entity().getContentType());
    assertThrows(IntegrationException.class,
        () -> HttpExchange.pekkoRequest(new OutboundRequest("BREW", TARGET, "/", List.of(), null, "")));
  }

  @Test
  void answerHasLowerCaseHeaderNamesItsContentTypeAndTheBodyInItsCharset() {
    HttpEntity.Strict entity = HttpEntities.create(ContentTypes.create(MediaTypes.TEXT_PLAIN, HttpCharsets.ISO_8859_1),
        "café".getBytes(StandardCharsets.ISO_8859_1));
    HttpResponse response = HttpResponse.create().withStatus(418)
        .withHeaders(List.of(RawHeader.create("X-Multi", "a"), RawHeader.create("x-multi", "b"))).withEntity(entity);
    IntegrationResult result = HttpExchange.toResult(new HttpExchange.Answer(response, entity));
    assertEquals(418, result.statusCode());
    assertEquals(List.of("a", "b"), result.headers().get("x-multi"));
    assertEquals("text/plain; charset=ISO-8859-1", result.header("Content-Type"));
    assertEquals("café", result.body());
  }

  @Test
  void parsesARequestTargetOnce() {
    assertEquals("/a?b=1", HttpExchange.uri("/a?b=1").toString());
    org.junit.jupiter.api.Assertions.assertSame(HttpExchange.uri("/a?b=1"), HttpExchange.uri("/a?b=1"));
  }
}
