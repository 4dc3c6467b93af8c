package router.loadtest.baseline;

import com.typesafe.config.ConfigFactory;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PekkoEchoServerTest extends EchoContractTest {
  private static ActorSystem system;
  private static ServerBinding binding;

  @BeforeAll
  static void start() throws Exception {
    system = ActorSystem.create("echo-test", ConfigFactory.load("loadtest"));
    binding = EchoServer.start(system, "127.0.0.1", 0).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    system.terminate();
  }

  @Override
  String authority() {
    return "127.0.0.1:" + binding.localAddress().getPort();
  }
}
