package router.integration.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsIntegrationSettingsTest {

  private static AwsIntegrationSettings with(String overrides) {
    return AwsIntegrationSettings.from(ConfigFactory.parseString(overrides).withFallback(ConfigFactory.load()));
  }

  @Test
  void defaultsToTheDefaultCredentialsChainAndNoEndpointOverride() {
    AwsIntegrationSettings settings = with("");
    assertEquals(Map.of(), settings.endpoints());
    assertFalse(settings.hasStaticCredentials());
    assertEquals(Duration.ofSeconds(2), settings.connectTimeout());
    assertEquals(1 << 20, settings.maxResponseBytes());
  }

  @Test
  void readsAnEndpointPerServiceAndStaticCredentials() {
    AwsIntegrationSettings settings = with("router.integrations.aws { endpoints.sqs = \"http://127.0.0.1:9324\"\n"
        + "access-key-id = AKID, secret-access-key = s }");
    assertEquals(Map.of("sqs", URI.create("http://127.0.0.1:9324")), settings.endpoints());
    assertTrue(settings.hasStaticCredentials());
  }

  @Test
  void refusesAnEndpointThatIsNotAUrl() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> with("router.integrations.aws.endpoints.sqs = \"127.0.0.1:9324\""));
    assertTrue(e.getMessage().contains("router.integrations.aws.endpoints.sqs"), e.getMessage());
  }
}
