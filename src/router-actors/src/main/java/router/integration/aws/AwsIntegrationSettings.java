package router.integration.aws;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings of AWS service integrations, {@code router.integrations.aws} in {@code reference.conf}.
 *
 * @param endpoints base URL per service (endpoint prefix as the ARN names it) replacing the service's AWS endpoint
 * @param accessKeyId static credentials, or empty for the SDK's default provider chain
 * @param sessionToken empty unless the static credentials are temporary ones
 */
public record AwsIntegrationSettings(
    Map<String, URI> endpoints,
    String accessKeyId,
    String secretAccessKey,
    String sessionToken,
    Duration connectTimeout,
    int maxConnections,
    int maxResponseBytes) {

  public static final String PATH = "router.integrations.aws";

  public static AwsIntegrationSettings from(Config config) {
    Config aws = config.getConfig(PATH);
    Map<String, URI> endpoints = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigValue> entry : aws.getObject("endpoints").entrySet()) {
      String url = String.valueOf(entry.getValue().unwrapped()).trim();
      if (url.isEmpty()) continue;
      endpoints.put(entry.getKey(), url(entry.getKey(), url));
    }
    return new AwsIntegrationSettings(Map.copyOf(endpoints), aws.getString("access-key-id"),
        aws.getString("secret-access-key"), aws.getString("session-token"), aws.getDuration("connect-timeout"),
        aws.getInt("max-connections"), (int) Math.min(Integer.MAX_VALUE, aws.getBytes("max-response-size")));
  }

  private static URI url(String service, String url) {
    try {
      URI uri = new URI(url);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) return uri;
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new IllegalArgumentException(PATH + ".endpoints." + service + " is not an http(s) URL: " + url);
  }

  /** Whether credentials are configured here rather than found by the SDK's default provider chain. */
  public boolean hasStaticCredentials() {
    return !accessKeyId.isEmpty();
  }
}
