package router.integration.lambda;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * {@code router.integrations.lambda}: where the Lambda Invoke API is, which credentials sign the calls, and the
 * HTTP client's pool.
 *
 * @param endpoint the Invoke API's base URL (LocalStack, an emulator), or empty for AWS's regional endpoints
 * @param accessKeyId static credentials, or empty for the SDK's default provider chain
 * @param readTimeout longest silence while reading an answer, or zero for none (the call's deadline still applies)
 * @param ioThreads the HTTP client's event loop threads
 */
public record LambdaSettings(
    String endpoint,
    String accessKeyId,
    String secretAccessKey,
    String sessionToken,
    int maxConcurrency,
    int maxPendingAcquires,
    Duration acquireTimeout,
    Duration connectTimeout,
    Duration readTimeout,
    int retries,
    int ioThreads) {

  public static final String PATH = "router.integrations.lambda";

  /** The settings under {@value #PATH} of {@code config}. */
  public static LambdaSettings from(Config config) {
    Config c = config.getConfig(PATH);
    return new LambdaSettings(
        c.getString("endpoint"),
        c.getString("credentials.access-key-id"),
        c.getString("credentials.secret-access-key"),
        c.getString("credentials.session-token"),
        c.getInt("max-concurrency"),
        c.getInt("max-pending-acquires"),
        c.getDuration("acquire-timeout"),
        c.getDuration("connect-timeout"),
        c.getDuration("read-timeout"),
        c.getInt("retries"),
        c.getInt("io-threads"));
  }
}
