package router.loadtest.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonTest {

  @TempDir
  Path dir;

  @Test
  void ratiosAndVerdictsFollowTheIssueTargets() throws Exception {
    Files.writeString(dir.resolve("max-baseline.json"), "{\"throughput\":20000}");
    Files.writeString(dir.resolve("max-router.json"), "{\"throughput\":13000}");
    Files.writeString(dir.resolve("half-baseline.json"), "{\"throughput\":10000,\"latencyMs\":{\"p50\":0.2,\"p99\":3.0,\"p999\":9}}");
    Files.writeString(dir.resolve("half-router.json"), "{\"throughput\":10000,\"latencyMs\":{\"p50\":0.3,\"p99\":5.5,\"p999\":20}}");
    Files.writeString(dir.resolve("idle-baseline.json"), "{\"heapPerConnectionBytes\":10000}");
    Files.writeString(dir.resolve("idle-router.json"), "{\"heapPerConnectionBytes\":13000}");
    Files.writeString(dir.resolve("connect-baseline.json"), "{\"throughput\":9000}");
    List<ComparisonRow> rows = Comparison.rows(dir);
    assertEquals("PASS", row(rows, "highest sustained rate").verdict());
    assertEquals(0.65, row(rows, "highest sustained rate").ratio(), 1e-9);
    assertEquals("SHORT", row(rows, "p99 at half").verdict());
    assertEquals("SHORT", row(rows, "heap per idle").verdict());
    assertEquals("pending", row(rows, "connections accepted").verdict());
    assertTrue(rows.stream().noneMatch(r -> r.test().equals("push")));
    String table = Comparison.table(rows);
    assertTrue(table.contains("0.65"), table);
    String html = Comparison.html(dir, rows, "test");
    assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains("<table>") && !html.contains("<script src"), html);
  }

  private static ComparisonRow row(List<ComparisonRow> rows, String prefix) {
    return rows.stream().filter(r -> r.metric().startsWith(prefix)).findFirst().orElseThrow();
  }
}
