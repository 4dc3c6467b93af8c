package router.integration.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LambdaSettingsTest {

  @Test
  void defaultsHaveNoReadTimeoutAndTwoEventLoopThreads() {
    LambdaSettings s = LambdaSettings.from(ConfigFactory.load());
    assertEquals(Duration.ZERO, s.readTimeout());
    assertEquals(2, s.ioThreads());
    assertEquals(0, s.retries());
  }

  @Test
  void readsTheConfiguredValues() {
    LambdaSettings s = LambdaSettings.from(ConfigFactory.parseString(
        "router.integrations.lambda { read-timeout = 5 seconds, io-threads = 1 }").withFallback(ConfigFactory.load()));
    assertEquals(Duration.ofSeconds(5), s.readTimeout());
    assertEquals(1, s.ioThreads());
  }
}
