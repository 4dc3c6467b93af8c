package router.loadtest.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConnectAndIdleRunTest {

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

  @Test
  void everyConnectionAttemptIsAcceptedAndTimed() throws Exception {
    RunResult r = new ConnectRun(TestServers.settings(servers.url("/"), "in-flight", 8, "count", 300),
        servers.system, QUIET).run();
    assertEquals(300, r.counts().sent());
    assertEquals(300, r.counts().received());
    assertEquals(0, r.counts().connectFailures());
    assertEquals(300, r.latency().count());
    assertEquals("conn/s", r.throughputUnit());
  }

  @Test
  void rejectedUpgradesAreConnectFailuresByStatus() throws Exception {
    RunResult r = new ConnectRun(TestServers.settings(servers.url("/reject"), "rate", 100, "count", 20),
        servers.system, QUIET).run();
    assertEquals(20, r.counts().connectFailures());
    assertEquals(0, r.counts().received());
    assertEquals(Map.of("HTTP 403", 20L), r.extra().get("connectFailuresByReason"));
  }

  @Test
  void idleHoldReportsTheTargetsMemoryPerConnection() throws Exception {
    // The target is this very JVM: the echo server runs in it.
    RunResult r = new IdleRun(TestServers.settings(servers.url("/"), "connections", 200, "hold", "500ms",
        "settle", "200ms", "target-pid", ProcessHandle.current().pid()), servers.system, QUIET).run();
    assertEquals(200L, ((Number) r.extra().get("opened")).longValue());
    assertEquals(200L, ((Number) r.extra().get("openAfterHold")).longValue());
    assertEquals(0, r.counts().closed());
    assertTrue(r.extra().containsKey("heapPerConnectionBytes"), r.extra().toString());
    assertTrue(r.extra().containsKey("rssPerConnectionBytes"), r.extra().toString());
  }
}
