package router.integration.lambda;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;

/**
 * The async Lambda clients of one node: one per region (the region of each function's ARN), all sharing one Netty
 * connection pool and one credentials provider, created on first use and closed together.
 */
final class LambdaClients implements AutoCloseable {
  private final LambdaSettings settings;
  private final Map<String, LambdaAsyncClient> clients = new ConcurrentHashMap<>();
  private SdkAsyncHttpClient http;
  private AwsCredentialsProvider credentials;
  private boolean closed;

  LambdaClients(LambdaSettings settings) {
    this.settings = settings;
  }

  /** The client for functions in {@code region}. */
  LambdaAsyncClient forRegion(String region) {
    LambdaAsyncClient client = clients.get(region);
    return client != null ? client : clients.computeIfAbsent(region, this::create);
  }

  private synchronized LambdaAsyncClient create(String region) {
    if (closed) throw new IllegalStateException("The Lambda clients are closed");
    if (http == null) {
      http = NettyNioAsyncHttpClient.builder()
          .maxConcurrency(settings.maxConcurrency())
          .maxPendingConnectionAcquires(settings.maxPendingAcquires())
          .connectionAcquisitionTimeout(settings.acquireTimeout())
          .connectionTimeout(settings.connectTimeout())
          .readTimeout(settings.readTimeout())
          .build();
      credentials = credentials(settings);
    }
    RetryStrategy retries = settings.retries() == 0 ? AwsRetryStrategy.doNotRetry()
        : AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(settings.retries() + 1).build();
    var builder = LambdaAsyncClient.builder()
        .region(Region.of(region))
        .credentialsProvider(credentials)
        .httpClient(http)
        .overrideConfiguration(o -> o.retryStrategy(retries));
    if (!settings.endpoint().isEmpty()) builder.endpointOverride(URI.create(settings.endpoint()));
    return builder.build();
  }

  private static AwsCredentialsProvider credentials(LambdaSettings s) {
    if (s.accessKeyId().isEmpty()) return DefaultCredentialsProvider.builder().build();
    return StaticCredentialsProvider.create(s.sessionToken().isEmpty()
        ? AwsBasicCredentials.create(s.accessKeyId(), s.secretAccessKey())
        : AwsSessionCredentials.create(s.accessKeyId(), s.secretAccessKey(), s.sessionToken()));
  }

  @Override
  public synchronized void close() {
    closed = true;
    clients.values().forEach(LambdaAsyncClient::close);
    clients.clear();
    if (http != null) http.close();
    if (credentials instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        // nothing left to do with a provider that fails to close
      }
    }
  }
}
