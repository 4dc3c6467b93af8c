package router.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import router.integration.BackendKind;
import router.integration.EventContext;
import router.integration.IntegrationBackends;

/** The real AWS CLI ({@code aws apigatewaymanagementapi ... --endpoint-url http://127.0.0.1:PORT/{apiId}/{stage}}). */
class ConnectionsCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static TestNode node;
  static final ConnectionsFixture.Lifecycle lifecycle = new ConnectionsFixture.Lifecycle();
  static String apiId;

  /** What a CLI run printed (stdout and stderr together) and its exit status. */
  record Run(int exit, String output) {}

  @BeforeAll
  static void start() {
    node = TestNode.start(dir.resolve("data"), Map.of(), IntegrationBackends.none().with(BackendKind.HTTP, lifecycle));
    apiId = ConnectionsFixture.deployApi(node.sdk, "dev");
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  private static Run aws(String arguments) throws Exception {
    String endpoint = "http://127.0.0.1:" + node.node.executeApiAddress().getPort() + "/" + apiId + "/dev";
    return bash("aws apigatewaymanagementapi " + arguments + " --endpoint-url " + endpoint + "\n");
  }

  private static Run bash(String commands) throws Exception {
    Path script = Files.createTempFile(dir, "cli", ".sh");
    Files.writeString(script, "set -euo pipefail\n" + commands);
    ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).directory(dir.toFile())
        .redirectErrorStream(true);
    builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
        "AWS_DEFAULT_REGION", "us-east-1", "AWS_EC2_METADATA_DISABLED", "true",
        "AWS_CONFIG_FILE", "/dev/null", "AWS_SHARED_CREDENTIALS_FILE", "/dev/null", "AWS_MAX_ATTEMPTS", "1"));
    Process bash = builder.start();
    String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(bash.waitFor(60, TimeUnit.SECONDS), output);
    return new Run(bash.exitValue(), output);
  }

  @Test
  void postGetAndDeleteWithTheAwsCli() throws Exception {
    long before = Instant.now().toEpochMilli();
    WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"));
    String id = ConnectionsFixture.connectionId(client);

    Run posted = aws("post-to-connection --connection-id='" + id + "' --data 'Hello from the CLI'");
    assertEquals(new Run(0, ""), posted);
    assertEquals("Hello from the CLI", client.next());

    Run described = aws("get-connection --connection-id='" + id + "'");
    assertEquals(0, described.exit(), described.output());
    JsonNode connection = JSON.readTree(described.output());
    assertTrue(Instant.parse(connection.get("ConnectedAt").asText()).toEpochMilli() >= before - 1000,
        described.output());
    assertTrue(connection.has("LastActiveAt"), described.output());
    assertEquals("127.0.0.1", connection.get("Identity").get("SourceIp").asText());

    assertEquals(new Run(0, ""), aws("delete-connection --connection-id='" + id + "'"));
    assertEquals(1000, client.awaitClose().code());
    lifecycle.await(EventContext.DISCONNECT, id);

    Run gone = aws("post-to-connection --connection-id='" + id + "' --data late");
    assertTrue(gone.exit() != 0, gone.output());
    assertTrue(gone.output().contains("An error occurred (GoneException) when calling the PostToConnection operation"),
        gone.output());
  }

  @Test
  void theReadmeExampleWorksVerbatim() throws Exception {
    WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"));
    String id = ConnectionsFixture.connectionId(client);
    String readme = Files.readString(Path.of("..", "README.md"));
    String start = "<!-- connections -->";
    String block = readme.substring(readme.indexOf(start) + start.length(), readme.indexOf("<!-- /connections -->"))
        .replace("```bash", "").replace("```", "");
    // only the connection id and the port are the test's own; API is what the quickstart set
    String script = "API=" + apiId + "\n" + block
        .replace("C='1qLLhhNK-T_7RJc='", "C='" + id + "'")
        .replace("127.0.0.1:8080", "127.0.0.1:" + node.node.executeApiAddress().getPort());
    Run run = bash(script);
    assertEquals(0, run.exit(), run.output());
    assertEquals("Hello from the backend", client.next());
    assertTrue(run.output().contains("\"ConnectedAt\""), run.output());
    assertEquals(1000, client.awaitClose().code());
  }
}
