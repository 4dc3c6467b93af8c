package router.loadtest.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import router.loadtest.client.ProxyEventTemplate;
import router.loadtest.json.JsonReader;

/** What either backend server answers (the pekko-http one and the Netty one). */
abstract class BackendContractTest {

  private static final String MESSAGE = "{\"action\":\"lambda\",\"seq\":42,\"data\":\"x\\\\y \\\"q\\\" é\"}";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** {@code http://127.0.0.1:port} of the server under test. */
  abstract String base();

  private HttpResponse<String> post(String path, String body, String contentType) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void echoAnswersTheBodyWithItsContentType() throws Exception {
    HttpResponse<String> r = post("/echo", MESSAGE, "text/plain; charset=UTF-8");
    assertEquals(200, r.statusCode());
    assertEquals(MESSAGE, r.body());
    assertEquals("text/plain; charset=UTF-8", r.headers().firstValue("content-type").orElse(""));
  }

  @Test
  void invokeAnswersAProxyResponseWhoseBodyIsTheEventsBody() throws Exception {
    HttpResponse<String> r = post("/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction"
        + "%3Abench/invocations", ProxyEventTemplate.wrap(MESSAGE), "application/x-amz-json-1.1");
    assertEquals(200, r.statusCode());
    assertEquals("application/json", r.headers().firstValue("content-type").orElse(""));
    Map<String, Object> answer = JsonReader.parseObject(r.body());
    assertEquals(200L, answer.get("statusCode"));
    assertEquals(MESSAGE, answer.get("body"));
  }

  @Test
  void invokeOfAnEventWithoutBodyAnswersAnEmptyBody() throws Exception {
    HttpResponse<String> r = post("/2015-03-31/functions/bench/invocations",
        "{\"requestContext\":{\"eventType\":\"CONNECT\",\"body\":\"not this\"},\"isBase64Encoded\":false}",
        "application/json");
    assertEquals("{\"statusCode\":200,\"body\":\"\"}", r.body());
  }

  @Test
  void readyAnswers200AndOtherPaths404() throws Exception {
    assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/health/ready")).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode());
    assertEquals(404, post("/nothing", "x", "text/plain").statusCode());
    assertEquals(404, HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/echo")).build(),
        HttpResponse.BodyHandlers.discarding()).statusCode());
  }
}
