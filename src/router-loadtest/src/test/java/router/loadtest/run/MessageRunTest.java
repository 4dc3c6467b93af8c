package router.loadtest.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.io.OutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import router.loadtest.stats.Counts;

class MessageRunTest {

  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
  private static TestServers servers;

  @BeforeAll
  static void start() throws Exception {
    servers = new TestServers();
  }

  @AfterAll
  static void stop() throws Exception {
    servers.close();
  }

  private static RunResult run(Mode mode, String path, Object... overrides) throws Exception {
    return new MessageRun(TestServers.settings(servers.url(path), overrides), mode, servers.system, QUIET).run();
  }

  // Whether the open loop holds its rate in time is not asserted here (timing belongs in benchmarks): OpenLoopTest
  // checks the schedule on a clock it drives, and bench/bench checks the rate the baseline receives.
  @Test
  void openLoopSendsRateTimesDurationMessagesAndGetsEveryReply() throws Exception {
    RunResult r = run(Mode.ROUNDTRIP, "/", "rate", 1000, "connections", 10, "duration", "2s", "warmup", "1s");
    assertEquals(2000, r.counts().sent());
    assertEquals(2000, r.counts().received());
    assertEquals(0, r.counts().timeouts());
    assertEquals(0, r.counts().errors());
    assertEquals("open", r.settings().get("loop"));
  }

  @Test
  void closedLoopFinishesTheCountWithInFlightMessagesPerConnection() throws Exception {
    RunResult r = run(Mode.ROUNDTRIP, "/", "in-flight", 4, "connections", 5, "count", 2000);
    assertEquals(2000, r.counts().sent());
    assertEquals(2000, r.counts().received());
    assertEquals(2000, r.latency().count());
    assertEquals("closed", r.settings().get("loop"));
  }

  @Test
  void spreadsConnectionsOverEveryUrlGiven() throws Exception {
    // connection 0 to an echo that answers all, connection 1 to one that drops every tenth message: only half of
    // the drops of a run against /drop10 alone
    RunResult r = run(Mode.ROUNDTRIP, "/", "url", servers.url("/") + "," + servers.url("/drop10"), "rate", 400,
        "connections", 2, "count", 200, "timeout", "500ms");
    assertEquals(200, r.counts().sent());
    assertEquals(190, r.counts().received());
    assertEquals(10, r.counts().timeouts());
  }

  @Test
  void everyTenthDroppedMessageCountsAsExactlyOneTimeout() throws Exception {
    RunResult r = run(Mode.ROUNDTRIP, "/drop10", "rate", 400, "connections", 2, "count", 200, "timeout", "500ms");
    Counts c = r.counts();
    assertEquals(200, c.sent());
    assertEquals(180, c.received());
    assertEquals(20, c.timeouts());
    assertEquals(0, c.late());
    assertEquals(0, c.errors());
  }

  @Test
  void closedLoopKeepsGoingPastDroppedMessages() throws Exception {
    RunResult r = run(Mode.ROUNDTRIP, "/drop10", "in-flight", 1, "connections", 1, "count", 50, "timeout", "300ms");
    assertEquals(50, r.counts().sent());
    assertEquals(45, r.counts().received());
    assertEquals(5, r.counts().timeouts());
  }

  @Test
  void connectionsClosedByTheServerAreCountedAndTheirMessagesAccountedFor() throws Exception {
    RunResult r = run(Mode.ROUNDTRIP, "/close5", "rate", 200, "connections", 3, "count", 60, "timeout", "300ms");
    Counts c = r.counts();
    assertEquals(60, c.sent());
    assertEquals(3, c.closed());
    assertEquals(15, c.received());
    assertEquals(60, c.received() + c.timeouts() + c.sendFailures());
    assertTrue(c.sendFailures() > 0, "sends after the close fail: " + c);
  }

  @Test
  void errorFramesWithoutSequenceIdAreCountedAndTheirMessagesTimeOut() throws Exception {
    RunResult r = run(Mode.ROUNDTRIP, "/error", "rate", 200, "connections", 2, "count", 20, "timeout", "300ms");
    assertEquals(20, r.counts().errorFrames());
    assertEquals(20, r.counts().timeouts());
    assertEquals(0, r.counts().received());
  }

  @Test
  void orderMatchingPairsStaticRepliesWithTheirMessages() throws Exception {
    RunResult r = run(Mode.ROUNDTRIP, "/static", "match", "order", "rate", 500, "connections", 5, "count", 500);
    assertEquals(500, r.counts().received());
    assertEquals(500, r.latency().count());
    assertEquals(0, r.counts().errors());
    assertEquals("order", r.settings().get("match"));
  }

  @Test
  void orderMatchingInClosedLoopKeepsExactlyTheCount() throws Exception {
    RunResult r = run(Mode.ROUNDTRIP, "/static", "match", "order", "in-flight", 3, "connections", 4, "count", 1000);
    assertEquals(1000, r.counts().sent());
    assertEquals(1000, r.counts().received());
  }

  @Test
  void orderMatchingCountsErrorFramesAsErrorRepliesNotTimeouts() throws Exception {
    RunResult r = run(Mode.ROUNDTRIP, "/error", "match", "order", "rate", 200, "connections", 2, "count", 20);
    assertEquals(20, r.counts().errorReplies());
    assertEquals(0, r.counts().timeouts());
    assertEquals(0, r.counts().errorFrames());
    assertEquals(20, r.counts().errors());
  }

  @Test
  void orderMatchingStillCountsDroppedMessagesAsTimeouts() throws Exception {
    RunResult r = run(Mode.ROUNDTRIP, "/drop10", "match", "order", "rate", 400, "connections", 2, "count", 200,
        "timeout", "500ms");
    assertEquals(180, r.counts().received());
    assertEquals(20, r.counts().timeouts() + r.counts().late());
    assertEquals(200, r.counts().received() + r.counts().timeouts());
  }

  @Test
  void apiGatewayErrorFramesAreRecognised() {
    assertTrue(MessageRun.isErrorFrame(TestServers.ERROR_FRAME));
    assertTrue(!MessageRun.isErrorFrame(TestServers.STATIC_REPLY));
  }

  @Test
  void pekkoHttpClientCountsTheSameAsTheNioClient() throws Exception {
    RunResult r = run(Mode.ROUNDTRIP, "/drop10", "client", "pekko-http", "rate", 400, "connections", 2,
        "count", 200, "timeout", "500ms");
    assertEquals(180, r.counts().received());
    assertEquals(20, r.counts().timeouts());
  }

  @Test
  void pushedFramesArriveAtTheConnectionTheyWerePostedTo() throws Exception {
    RunResult r = run(Mode.PUSH, "/push/api/stage", "rate", 200, "connections", 5, "count", 200);
    assertEquals(200, r.counts().sent());
    assertEquals(200, r.counts().received());
    assertEquals(0, r.counts().errors());
  }

  @Test
  void pushesToAnUnknownConnectionAreSendFailuresByStatus() throws Exception {
    RunResult r = run(Mode.PUSH, "/push/api/stage", "push-url", pushUrl() + "nosuch-", "rate", 200,
        "connections", 2, "count", 20);
    assertEquals(20, r.counts().sendFailures());
    assertEquals(0, r.counts().timeouts());
    assertEquals(java.util.Map.of("410", 20L), r.extra().get("pushFailuresByStatus"));
  }

  private static String pushUrl() {
    return MessageRun.defaultPushUrl(servers.url("/push/api/stage"));
  }

  @Test
  void connectionsThatNeverLearnTheirIdAreLeftOutOfPushRuns() throws Exception {
    // The bare echo answers "who am I" with the question itself: no connectionId, no connection to push to.
    Exception e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> run(Mode.PUSH, "/", "rate", 100, "connections", 2, "count", 10, "timeout", "300ms"));
    assertTrue(e.getMessage().contains("no connection"));
  }
}
