package router.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import router.config.ApiDirectory;

/**
 * CreateApi registers the API in the API directory in a second step; when that step is lost, a restart repairs
 * the directory from the journal, so the API is listed and its stages are served again.
 */
class ControlPlaneDirectoryRepairTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir Path dir;

  @Test
  void anApiWhoseRegistrationWasLostIsListedAndServedAfterARestart() throws Exception {
    Path data = dir.resolve("data");
    String apiId;
    try (TestNode node = TestNode.start(data)) {
      apiId = Fixtures.deployEchoApi(node.sdk, "dev");
      // The state a crash between CreateApi's two steps leaves: the API's journal, no directory entry.
      ApiDirectory.ref(node.system).<Done>ask(replyTo -> new ApiDirectory.Unregister(apiId, replyTo), WAIT)
          .toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertFalse(listed(node, apiId));
    }
    try (TestNode node = TestNode.start(data)) {
      assertTrue(listed(node, apiId));
      try (WsClient client = WsClient.connect(node.wsUrl(apiId, "dev"))) {
        client.send("{\"action\":\"echo\"}");
        assertEquals(Fixtures.ECHO_REPLY, client.next());
      }
    }
  }

  private static boolean listed(TestNode node, String apiId) {
    return node.sdk.getApis(b -> {}).items().stream().anyMatch(api -> api.apiId().equals(apiId));
  }
}
