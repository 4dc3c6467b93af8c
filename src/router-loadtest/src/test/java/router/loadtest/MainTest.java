package router.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import router.loadtest.baseline.EchoServer;
import router.loadtest.json.JsonReader;

class MainTest {

  @TempDir
  Path dir;

  @Test
  void runPrintsOneLineOfJsonSummaryAndWritesTheReports() throws Exception {
    ActorSystem system = ActorSystem.create("echo");
    try {
      ServerBinding binding = EchoServer.start(system, "127.0.0.1", 0).toCompletableFuture().get(10, TimeUnit.SECONDS);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = Main.run(new String[] {"run", "--url", "ws://127.0.0.1:" + binding.localAddress().getPort() + "/",
          "--rate", "500", "--count", "500", "--connections", "4", "--label", "baseline",
          "--json", dir.resolve("r.json").toString(), "--html", dir.resolve("r.html").toString()},
          new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
      assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
      String stdout = out.toString(StandardCharsets.UTF_8);
      assertEquals(1, stdout.lines().count(), stdout);
      Map<String, Object> summary = JsonReader.parseObject(stdout.strip());
      for (String key : List.of("mode", "label", "url", "connections", "loop", "rate", "seconds", "throughput",
          "unit", "sent", "received", "timeouts", "errors", "latencyMs")) {
        assertTrue(summary.containsKey(key), "summary has " + key + ": " + stdout);
      }
      assertEquals("roundtrip", summary.get("mode"));
      assertEquals("baseline", summary.get("label"));
      assertEquals(500L, summary.get("received"));
      Map<?, ?> latency = (Map<?, ?>) summary.get("latencyMs");
      for (String key : List.of("p50", "p90", "p99", "p999", "max", "mean")) assertTrue(latency.containsKey(key));
      assertFalse(summary.containsKey("intervals"), "the summary line stays short");

      Map<String, Object> detailed = JsonReader.parseObject(Files.readString(dir.resolve("r.json")));
      assertTrue(((List<?>) detailed.get("percentiles")).size() > 5);
      assertFalse(((List<?>) detailed.get("intervals")).isEmpty());
      String html = Files.readString(dir.resolve("r.html"));
      assertTrue(html.contains("<svg") && html.contains("Latency by percentile") && html.contains("Throughput over time"));
      assertFalse(html.contains("<script src") || html.contains("<link "), "self-contained");
    } finally {
      system.terminate();
    }
  }

  @Test
  void unknownOptionIsAUsageError() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"run", "--no-such-option", "1"}, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("no-such-option"));
  }

  @Test
  void nonLoopbackTargetIsRefused() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"run", "--url", "ws://192.0.2.1:8080/"}, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("non-loopback"));
  }

  @Test
  void helpListsEveryOptionWithItsDefault() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertEquals(0, Main.run(new String[] {"help"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err));
    String help = out.toString(StandardCharsets.UTF_8);
    assertTrue(help.contains("--rate 0") && help.contains("--in-flight 1") && help.contains("Open-loop target rate"), help);
  }
}
