package router.integration.lambda;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.SdkAdvancedAsyncClientOption;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.endpoints.LambdaEndpointParams;
import software.amazon.awssdk.services.lambda.endpoints.LambdaEndpointProvider;

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

  /** Clients sending through {@code http}, or through a Netty client of {@code settings} when null. */
  LambdaClients(LambdaSettings settings, SdkAsyncHttpClient http) {
    this.settings = settings;
    this.http = http;
  }

  /** The client for functions in {@code region}. */
  LambdaAsyncClient forRegion(String region) {
    LambdaAsyncClient client = clients.get(region);
    return client != null ? client : clients.computeIfAbsent(region, this::create);
  }

  private synchronized LambdaAsyncClient create(String region) {
    if (closed) throw new IllegalStateException("The Lambda clients are closed");
    if (credentials == null) {
      if (http == null) http = httpClient(settings);
      credentials = credentials(settings);
    }
    RetryStrategy retries = settings.retries() == 0 ? AwsRetryStrategy.doNotRetry()
        : AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(settings.retries() + 1).build();
    var builder = LambdaAsyncClient.builder()
        .region(Region.of(region))
        .credentialsProvider(credentials)
        .httpClient(http)
        // Per call, the SDK would evaluate its endpoint rules again (same region, same answer) ...
        .endpointProvider(new OnceEndpointProvider(LambdaEndpointProvider.defaultProvider()))
        // ... and hand the answer to a thread of its own; the router's continuation is short and never blocks.
        .asyncConfiguration(c -> c.advancedOption(SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR,
            Runnable::run))
        .overrideConfiguration(o -> o.retryStrategy(retries));
    if (!settings.endpoint().isEmpty()) builder.endpointOverride(URI.create(settings.endpoint()));
    return builder.build();
  }

  /**
   * The SDK's endpoint rules, evaluated once per distinct set of parameters (a client's are the same on every call:
   * its region, its override).
   */
  static final class OnceEndpointProvider implements LambdaEndpointProvider {
    private final LambdaEndpointProvider rules;
    private final Map<List<Object>, CompletableFuture<Endpoint>> resolved = new ConcurrentHashMap<>();

    OnceEndpointProvider(LambdaEndpointProvider rules) {
      this.rules = rules;
    }

    @Override
    public CompletableFuture<Endpoint> resolveEndpoint(LambdaEndpointParams params) {
      List<Object> key = Arrays.asList(params.region() == null ? null : params.region().id(), params.useDualStack(),
          params.useFips(), params.endpoint());
      CompletableFuture<Endpoint> known = resolved.get(key);
      if (known != null) return known;
      CompletableFuture<Endpoint> endpoint = rules.resolveEndpoint(params);
      // Failures are not remembered; a client sees a handful of parameter sets at most.
      endpoint.thenRun(() -> {
        if (resolved.size() < 16) resolved.putIfAbsent(key, endpoint);
      });
      return endpoint;
    }
  }

  /**
   * The Netty client of {@code s}, with no write timeout and an optional read timeout: a non-zero one schedules a
   * timer on the event loop per request (the write one per write), while every call already has the integration's
   * deadline, which cancels it; the SDK then closes the cancelled call's connection.
   */
  static SdkAsyncHttpClient httpClient(LambdaSettings s) {
    return NettyNioAsyncHttpClient.builder()
        .eventLoopGroupBuilder(SdkEventLoopGroup.builder().numberOfThreads(s.ioThreads()))
        .maxConcurrency(s.maxConcurrency())
        .maxPendingConnectionAcquires(s.maxPendingAcquires())
        .connectionAcquisitionTimeout(s.acquireTimeout())
        .connectionTimeout(s.connectTimeout())
        .readTimeout(s.readTimeout())
        .writeTimeout(Duration.ZERO)
        .build();
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
