package router.loadtest.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import router.loadtest.client.ProxyEventTemplate;

class BackendServerTest extends BackendContractTest {

  private static ActorSystem system;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    system = ActorSystem.create("backend-test", BackendServer.config(ConfigFactory.load("loadtest")));
    ServerBinding binding = BackendServer.start(system, "127.0.0.1", 0).toCompletableFuture().get(10, TimeUnit.SECONDS);
    base = "http://127.0.0.1:" + binding.localAddress().getPort();
  }

  @AfterAll
  static void stop() throws Exception {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Override
  String base() {
    return base;
  }

  @Test
  void signedLambdaCallsAreNotLoggedAsIllegalHeaders() {
    assertEquals(true, ConfigFactory.load("loadtest").getBoolean("pekko.http.parsing.illegal-header-warnings"));
    assertEquals(false, BackendServer.config(ConfigFactory.load("loadtest"))
        .getBoolean("pekko.http.parsing.illegal-header-warnings"));
  }

  @Test
  void proxyAnswerCopiesTheBodyOfASlicedEvent() {
    ByteString event = ByteString.fromString("garbage" + ProxyEventTemplate.wrap("{\"seq\":1}")).drop(7);
    assertEquals("{\"statusCode\":200,\"body\":\"{\\\"seq\\\":1}\"}", BackendServer.proxyAnswer(event).utf8String());
  }
}
