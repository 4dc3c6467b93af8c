package router.loadtest.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import router.loadtest.json.JsonReader;

class IntegrationsTest {

  @TempDir
  Path dir;

  private void result(String name, String json) throws Exception {
    Files.writeString(dir.resolve(name + ".json"), json);
  }

  private static Integrations.Row row(List<Integrations.Row> rows, String prefix) {
    return rows.stream().filter(r -> r.metric().startsWith(prefix)).findFirst().orElseThrow();
  }

  @Test
  void eachProxyIntegrationIsComparedWithMockOfTheSameRun() throws Exception {
    result("integrations-closed-mock", "{\"throughput\":40000,\"targetCpuMicrosPerMessage\":20}");
    result("integrations-closed-http", "{\"throughput\":24000,\"targetCpuMicrosPerMessage\":40}");
    result("integrations-closed-lambda", "{\"throughput\":16000,\"targetCpuMicrosPerMessage\":55}");
    List<Integrations.Row> rows = Integrations.rows(dir);
    Integrations.Row http = row(rows, "closed-loop saturation, HTTP_PROXY");
    assertEquals(0.6, http.derived(), 1e-9);
    assertEquals("PASS", http.verdict());
    assertEquals("≥ 0.5× MOCK", http.target());
    Integrations.Row lambda = row(rows, "closed-loop saturation, AWS_PROXY");
    assertEquals(0.4, lambda.derived(), 1e-9);
    assertEquals("SHORT", lambda.verdict());
    assertEquals(2.0, row(rows, "router CPU per message at saturation, HTTP_PROXY").derived(), 1e-9);
    assertEquals("", row(rows, "router CPU per message at saturation, HTTP_PROXY").verdict());
    assertEquals("", row(rows, "closed-loop saturation, MOCK").verdict(), "a figure without reference");
  }

  @Test
  void addedLatencyIsRouterMinusDirectAtEachPercentile() throws Exception {
    result("integrations-closed-mock", "{\"throughput\":40000}");
    result("integrations-latency-lambda-direct", "{\"rate\":2000,\"latencyMs\":{\"p50\":0.25,\"p99\":1.5}}");
    result("integrations-latency-lambda-router", "{\"rate\":2000,\"latencyMs\":{\"p50\":0.75,\"p99\":4.0}}");
    List<Integrations.Row> rows = Integrations.rows(dir);
    Integrations.Row p50 = row(rows, "p50 added by the router, AWS_PROXY");
    assertEquals("p50 added by the router, AWS_PROXY at 2,000 msg/s (ms)", p50.metric());
    assertEquals(0.5, p50.derived(), 1e-9);
    assertEquals(2.5, row(rows, "p99 added by the router, AWS_PROXY").derived(), 1e-9);
    assertTrue(Integrations.table(rows).contains("+2.500"), Integrations.table(rows));
    Map<String, Object> json = JsonReader.parseObject(router.loadtest.json.JsonWriter.write(Integrations.toMap(rows)));
    assertTrue(json.get("rows").toString().contains("added=0.5"), json.toString());
    String html = Integrations.html(dir, rows);
    assertTrue(html.contains("p50 added by the router, AWS_PROXY") && html.contains("+0.500"), html);
  }

  @Test
  void aMissingIntegrationIsPendingAndNoMockMeansNoRows() throws Exception {
    assertEquals(List.of(), Integrations.rows(dir));
    result("integrations-closed-mock", "{\"throughput\":40000}");
    List<Integrations.Row> rows = Integrations.rows(dir);
    Integrations.Row http = row(rows, "closed-loop saturation, HTTP_PROXY");
    assertEquals("pending", http.verdict());
    assertNull(http.derived());
    assertEquals("pending", row(rows, "p99 added by the router, HTTP_PROXY").verdict());
    assertTrue(Integrations.table(rows).contains("pending"));
  }
}
