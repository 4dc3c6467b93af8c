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

  private void write(String test, String side, int rep, String json) throws Exception {
    Files.writeString(dir.resolve(test + "-" + side + "-" + rep + ".json"), json);
  }

  @Test
  void figuresAreMediansOverRepetitionsAndRatiosPairRepetitions() throws Exception {
    double[] pekko = {10000, 11000, 9000};
    double[] netty = {20000, 30000, 20000};
    double[] router = {15000, 13200, 13500};
    for (int i = 0; i < 3; i++) {
      write("max", "pekko", i + 1, "{\"throughput\":" + pekko[i] + "}");
      write("max", "netty", i + 1, "{\"throughput\":" + netty[i] + "}");
      write("max", "router", i + 1, "{\"throughput\":" + router[i] + "}");
    }
    ComparisonRow row = row(Comparison.rows(dir), "highest sustained rate");
    assertEquals(10000, row.figure("pekko").median(), 1e-9);
    assertEquals(10, row.figure("pekko").spreadPercent(), 1e-9);
    assertEquals(20000, row.figure("netty").median(), 1e-9);
    assertTrue(row.figure("netty").wide());
    // Router ÷ pekko per repetition: 1.5, 1.2, 1.5 → median 1.5, spread 20 % (wide).
    assertEquals(1.5, row.ratio("pekko").median(), 1e-9);
    assertEquals(20, row.ratio("pekko").spreadPercent(), 1e-9);
    assertTrue(row.ratio("pekko").wide());
    // Router ÷ netty: 0.75, 0.44, 0.675 → median 0.675.
    assertEquals(0.675, row.ratio("netty").median(), 1e-9);
    assertEquals("PASS ✓✓✓ · vs netty: PASS ✓✗✓", row.verdictText());
    String table = Comparison.table(List.of(row));
    assertTrue(table.contains("1.50 ±20 % (wide)"), table);
    assertTrue(table.contains("10000 ±10 %"), table);
  }

  @Test
  void halfLoadP99IsCheckedRepetitionByRepetitionAgainstEachBaseline() throws Exception {
    double[][] p99 = {{3.0, 2.0, 4.5}, {3.0, 2.0, 5.5}, {3.0, 2.0, 4.0}}; // per rep: pekko, netty, router
    for (int i = 0; i < 3; i++) {
      write("half", "pekko", i + 1, "{\"latencyMs\":{\"p99\":" + p99[i][0] + "}}");
      write("half", "netty", i + 1, "{\"latencyMs\":{\"p99\":" + p99[i][1] + "}}");
      write("half", "router", i + 1, "{\"latencyMs\":{\"p99\":" + p99[i][2] + "}}");
    }
    ComparisonRow row = row(Comparison.rows(dir), "p99 at half");
    assertEquals(List.of(true, false, true), row.checks("pekko"));
    assertEquals(List.of(false, false, true), row.checks("netty"));
    assertEquals("PASS", row.verdict());
    assertEquals("SHORT", row.verdict("netty"));
    assertEquals("PASS ✓✗✓ · vs netty: SHORT ✗✗✓", row.verdictText());
  }

  @Test
  void aRatioOverFewerRepetitionsThanTheFiguresSaysSo() throws Exception {
    double[] pekko = {0, 10000, 0};
    for (int i = 0; i < 3; i++) {
      write("max", "pekko", i + 1, "{\"throughput\":" + pekko[i] + "}");
      write("max", "router", i + 1, "{\"throughput\":12000}");
    }
    String table = Comparison.table(Comparison.rows(dir));
    assertTrue(table.contains("1.20 (1 of 3)"), table);
    assertTrue(table.contains("PASS ✓\n"), table);
  }

  @Test
  void aSideWithoutRunsIsPendingAndTheNettyColumnIsOptional() throws Exception {
    write("closed", "pekko", 1, "{\"throughput\":100}");
    write("closed", "router", 1, "{\"throughput\":150}");
    write("connect", "pekko", 1, "{\"throughput\":100}");
    List<ComparisonRow> rows = Comparison.rows(dir);
    ComparisonRow closed = row(rows, "closed-loop saturation");
    assertEquals(1.5, closed.ratio(), 1e-9);
    assertEquals(null, closed.ratio("netty"));
    assertEquals("pending", row(rows, "connections accepted").verdict());
    String html = Comparison.html(dir, rows, "test");
    assertTrue(html.contains("router ÷ netty"), html);
  }
}
