package router.connection;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;
import router.runtime.ConnectionInfo;
import router.runtime.MessageProcessor;
import router.runtime.StageHandle;

/** Connections for the tests of this package, on a stage with nothing live, so no route ever runs. */
final class Connections {
  static final long CONNECTED_AT = 1_700_000_000_000L;
  static final String SOURCE_IP = "127.0.0.1";
  static final String USER_AGENT = "junit/5";
  static final MessageProcessor PROCESSOR = new MessageProcessor(LoggerFactory.getLogger(Connections.class));

  private static final AtomicInteger IDS = new AtomicInteger();

  private Connections() {}

  /** A new connection whose id has the real shape (15 characters and '='), unique in this JVM. */
  static Connection newConnection() {
    String id = String.format("T%014d=", IDS.incrementAndGet());
    return new Connection(new ConnectionInfo(id, "api0000001", "dev", new StageHandle("api0000001", "dev"),
        CONNECTED_AT, SOURCE_IP, USER_AGENT, "localhost", Map.of(), Map.of(), Map.of(), Map.of()));
  }
}
