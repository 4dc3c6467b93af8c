package router.loadtest.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import router.loadtest.json.JsonReader;

/** The requests setup sends, recorded by a stand-in control plane that answers each with a fresh id. */
class RouterSetupTest {

  private static final String LAMBDA_URI = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
      + "arn:aws:lambda:us-east-1:123456789012:function:bench/invocations";

  /** One request the stand-in received. */
  private record Call(String path, Map<String, Object> body) {}

  private HttpServer server;
  private final List<Call> calls = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    AtomicInteger integrations = new AtomicInteger();
    AtomicInteger routes = new AtomicInteger();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      synchronized (calls) {
        calls.add(new Call(path, text.isEmpty() ? Map.of() : JsonReader.parseObject(text)));
      }
      String answer = path.endsWith("/apis") ? "{\"apiId\":\"api1\"}"
          : path.endsWith("/integrations") ? "{\"integrationId\":\"int" + integrations.incrementAndGet() + "\"}"
          : path.endsWith("/routes") ? "{\"routeId\":\"route" + routes.incrementAndGet() + "\"}" : "{}";
      byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(path.equals("/health/ready") ? 200 : 201, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String create(RouterSetup.Plan plan) throws Exception {
    ControlPlane control = new ControlPlane(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
    return new RouterSetup(control).create(plan);
  }

  private List<Call> posted(String suffix) {
    return calls.stream().filter(c -> c.path().endsWith(suffix)).toList();
  }

  @Test
  void proxyRoutesAreTwoWayRoutesToPostIntegrationsOfTheirUris() throws Exception {
    assertEquals("api1", create(new RouterSetup.Plan("bench", "bench", "{}", false, "http://127.0.0.1:9/echo",
        LAMBDA_URI)));
    List<Call> integrations = posted("/integrations");
    assertEquals(4, integrations.size(), "echo, whoami, http, lambda: " + calls);
    Map<String, Object> http = integrations.get(2).body();
    assertEquals("HTTP_PROXY", http.get("integrationType"));
    assertEquals("http://127.0.0.1:9/echo", http.get("integrationUri"));
    assertEquals("POST", http.get("integrationMethod"));
    Map<String, Object> lambda = integrations.get(3).body();
    assertEquals("AWS_PROXY", lambda.get("integrationType"));
    assertEquals(LAMBDA_URI, lambda.get("integrationUri"));
    assertEquals("POST", lambda.get("integrationMethod"));

    List<Call> routes = posted("/routes");
    assertEquals(List.of("echo", "whoami", "http", "lambda"),
        routes.stream().map(c -> c.body().get("routeKey")).toList());
    assertEquals("integrations/int3", routes.get(2).body().get("target"));
    assertEquals("integrations/int4", routes.get(3).body().get("target"));
    for (Call route : routes) assertEquals("$default", route.body().get("routeResponseSelectionExpression"));
    List<Call> routeResponses = posted("/routeresponses");
    assertEquals(4, routeResponses.size());
    for (Call r : routeResponses) assertEquals(Map.of("routeResponseKey", "$default"), r.body());
    assertEquals("/v2/apis/api1/routes/route3/routeresponses", routeResponses.get(2).path());
    assertEquals(2, posted("/integrationresponses").size(), "only the MOCK routes have integration responses");
    assertTrue(calls.get(calls.size() - 1).path().endsWith("/deployments"));
  }

  @Test
  void withoutProxyUrisOnlyTheMockRoutesAreCreated() throws Exception {
    RouterSetup.Plan plan = new RouterSetup.Plan("bench", "bench", "{}", true, "", "");
    create(plan);
    assertEquals(List.of("echo", "whoami", "$connect"), posted("/routes").stream()
        .map(c -> c.body().get("routeKey")).toList());
    assertEquals(List.of("echo", "whoami", "$connect"), plan.routeKeys());
    for (Call i : posted("/integrations")) assertEquals("MOCK", i.body().get("integrationType"));
  }
}
