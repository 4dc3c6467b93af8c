package router.loadtest.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import router.loadtest.baseline.BackendServer;
import router.loadtest.json.JsonReader;

class HttpRunTest {

  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
  private static ActorSystem system;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    system = ActorSystem.create("backend-test");
    ServerBinding binding = BackendServer.start(system, "127.0.0.1", 0).toCompletableFuture().get(10, TimeUnit.SECONDS);
    port = binding.localAddress().getPort();
  }

  @AfterAll
  static void stop() throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static RunResult run(String path, Object... overrides) throws Exception {
    return new HttpRun(TestServers.settings(URI.create("http://127.0.0.1:" + port + path), overrides), QUIET).run();
  }

  @Test
  void openLoopPostsEveryRequestAndCountsEveryAnswer() throws Exception {
    RunResult r = run("/echo", "rate", 1000, "count", 500, "connections", 4);
    assertEquals(500, r.counts().sent());
    assertEquals(500, r.counts().received());
    assertEquals(0, r.counts().errors());
    assertEquals(Mode.HTTP, r.mode());
    assertEquals("open", r.summary().get("loop"));
  }

  @Test
  void closedLoopAgainstTheInvokeApiSendsExactlyTheCount() throws Exception {
    RunResult r = run("/2015-03-31/functions/bench/invocations", "count", 300, "in-flight", 2, "connections", 3,
        "http-body", "lambda-event");
    assertEquals(300, r.counts().sent());
    assertEquals(300, r.counts().received());
    assertEquals(0, r.counts().errors());
  }

  @Test
  void aNon2xxAnswerIsAnErrorReplyCountedByStatus() throws Exception {
    RunResult r = run("/missing", "rate", 500, "count", 50, "connections", 2);
    assertEquals(50, r.counts().errorReplies());
    assertEquals(0, r.counts().received());
    assertEquals(Map.of("404", 50L), r.summary().get("failuresByStatus"));
  }

  @Test
  void lambdaEventBodyWrapsTheRenderedPayload() {
    HttpRun run = new HttpRun(TestServers.settings(URI.create("http://127.0.0.1:1/x"), "http-body", "lambda-event",
        "action", "lambda", "size", 10), QUIET);
    Map<String, Object> event = JsonReader.parseObject(run.body(7));
    assertEquals("{\"action\":\"lambda\",\"seq\":7,\"data\":\"\"}", event.get("body"));
    assertTrue(((Map<?, ?>) event.get("requestContext")).containsKey("connectionId"));
  }
}
