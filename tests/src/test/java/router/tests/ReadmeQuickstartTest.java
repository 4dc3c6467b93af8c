package router.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the quickstart of README.md verbatim with bash and the real AWS CLI against a node (only its ports are
 * changed to the node's), then talks to the printed WebSocket URL.
 */
class ReadmeQuickstartTest {
  private static final String START = "<!-- quickstart -->";
  private static final String END = "<!-- /quickstart -->";

  @TempDir Path dir;

  @Test
  void quickstartWorksVerbatim() throws Exception {
    try (TestNode node = TestNode.start(dir.resolve("data"))) {
      String script = quickstart()
          .replace("127.0.0.1:8081", "127.0.0.1:" + node.node.controlAddress().getPort())
          .replace("127.0.0.1:8080", "127.0.0.1:" + node.node.executeApiAddress().getPort());
      Path file = dir.resolve("quickstart.sh");
      Files.writeString(file, "set -euo pipefail\n" + script);
      // Output to a file, not a pipe: reading a pipe to its end would wait as long as bash hangs.
      Path out = dir.resolve("quickstart.out");
      Process bash = new ProcessBuilder("bash", file.toString()).directory(dir.toFile())
          .redirectErrorStream(true).redirectOutput(out.toFile()).start();
      boolean exited = bash.waitFor(120, TimeUnit.SECONDS);
      if (!exited) {
        bash.descendants().forEach(ProcessHandle::destroyForcibly);
        bash.destroyForcibly();
      }
      String output = Files.readString(out, StandardCharsets.UTF_8);
      assertTrue(exited, "the quickstart did not finish within 120 s:\n" + output);
      assertEquals(0, bash.exitValue(), output);
      // create-integration printed what the guide's sample output prints
      assertTrue(output.contains("\"IntegrationResponseSelectionExpression\": \"${response.statuscode}\""), output);
      assertTrue(output.contains("\"PassthroughBehavior\": \"WHEN_NO_MATCH\""), output);
      List<String> lines = output.lines().toList();
      String url = lines.get(lines.size() - 1);
      assertTrue(url.startsWith("ws://"), output);
      try (WsClient client = WsClient.connect(url)) {
        client.send("{\"action\":\"sendmessage\"}");
        assertTrue(client.next().startsWith("{\"message\": \"Hello from Router\", \"connectionId\": \""));
        client.send("{\"action\":\"nosuchroute\"}");
        assertTrue(client.next().startsWith("{\"message\": \"Forbidden\", \"connectionId\":\""));
      }
    }
  }

  private static String quickstart() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    String block = readme.substring(readme.indexOf(START) + START.length(), readme.indexOf(END));
    return block.replace("```bash", "").replace("```", "");
  }
}
