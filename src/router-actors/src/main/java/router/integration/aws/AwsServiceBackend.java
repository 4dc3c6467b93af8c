package router.integration.aws;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import router.integration.BackendKind;
import router.integration.IntegrationBackend;
import router.integration.IntegrationException;
import router.integration.IntegrationRequest;
import router.integration.IntegrationResult;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.async.AsyncExecuteRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The backend of AWS service integrations ({@link BackendKind#AWS_SERVICE}): builds the request the integration's
 * ARN describes, signs it with SigV4 and sends it with the AWS SDK's async Netty HTTP client; the service's answer,
 * whatever its status, is the integration's result. Cancelling a call aborts its HTTP exchange.
 */
public final class AwsServiceBackend implements IntegrationBackend {
  private final AwsIntegrationSettings settings;
  private final AwsEndpoints endpoints;
  private final AwsCredentialsProvider credentials;
  private final Executor blocking;
  private final Clock clock;
  private final boolean ownsClient;
  private volatile SdkAsyncHttpClient client;
  private boolean closed;

  /** A backend whose HTTP client is created on first use and closed by {@link #close()}. */
  AwsServiceBackend(AwsIntegrationSettings settings, Executor blocking, Clock clock) {
    this(settings, blocking, clock, null);
  }

  /** A backend on the given HTTP client, which {@link #close()} leaves open (tests share one). */
  AwsServiceBackend(AwsIntegrationSettings settings, Executor blocking, Clock clock, SdkAsyncHttpClient shared) {
    this.client = shared;
    this.ownsClient = shared == null;
    this.settings = settings;
    this.endpoints = new AwsEndpoints(settings.endpoints());
    this.credentials = settings.hasStaticCredentials() ? StaticCredentialsProvider.create(staticCredentials(settings))
        : DefaultCredentialsProvider.builder().build();
    this.blocking = blocking;
    this.clock = clock;
  }

  /** The backend of AWS service integrations on {@code system}, closed when it terminates. */
  public static AwsServiceBackend create(ActorSystem<?> system) {
    AwsServiceBackend backend = new AwsServiceBackend(AwsIntegrationSettings.from(system.settings().config()),
        system.dispatchers().lookup(DispatcherSelector.blocking()), Clock.systemUTC());
    system.getWhenTerminated().thenRun(backend::close);
    return backend;
  }

  @Override
  public CompletionStage<IntegrationResult> invoke(IntegrationRequest request) {
    String integrationId = request.integration().integrationId();
    AwsServiceArn arn;
    try {
      arn = AwsServiceArn.parse(request.uri());
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(
          new IntegrationException("AWS integration " + integrationId + " has a bad URI: " + e.getMessage()));
    }
    URI endpoint = endpoints.endpointFor(arn);
    String where = "AWS integration " + integrationId + " (" + arn.service() + " at " + endpoint + ")";
    byte[] body = request.body() == null ? new byte[0] : request.body().getBytes(StandardCharsets.UTF_8);
    SdkHttpFullRequest unsigned = AwsRequestBuilder.build(arn, endpoint, request.method(), body, request.headers(),
        request.queryString());
    String signingRegion = endpoints.signingRegion(arn);
    CompletableFuture<IntegrationResult> result = new CompletableFuture<>();
    resolveCredentials().whenComplete((identity, error) -> {
      if (result.isDone()) return; // cancelled at the deadline while credentials were resolved
      if (error != null) {
        result.completeExceptionally(failure(where + " found no AWS credentials", error));
        return;
      }
      try {
        SdkHttpRequest signed = AwsRequestBuilder.sign(unsigned, identity, arn.service(), signingRegion, clock);
        CompletableFuture<Void> exchange = client().execute(AsyncExecuteRequest.builder()
            .request(signed)
            .requestContentPublisher(new BodyPublisher(body))
            .responseHandler(new ResponseCollector(result, e -> failure(where + " failed", e),
                settings.maxResponseBytes()))
            .build());
        exchange.whenComplete((ignored, failed) -> {
          if (failed != null) result.completeExceptionally(failure(where + " failed", failed));
        });
        result.whenComplete((ignored, failed) -> {
          if (result.isCancelled()) exchange.cancel(true);
        });
      } catch (RuntimeException e) {
        result.completeExceptionally(failure(where + " failed", e));
      }
    });
    return result;
  }

  private CompletableFuture<AwsCredentialsIdentity> resolveCredentials() {
    if (credentials instanceof StaticCredentialsProvider) {
      return CompletableFuture.completedFuture(credentials.resolveCredentials());
    }
    // The default chain may read files or call a metadata service the first time and at each refresh.
    return CompletableFuture.supplyAsync(credentials::resolveCredentials, blocking);
  }

  private SdkAsyncHttpClient client() {
    SdkAsyncHttpClient current = client;
    if (current != null) return current;
    synchronized (this) {
      if (closed) throw new IllegalStateException("the node is shutting down");
      if (client == null) {
        // Created on first use: a node without AWS service integrations starts no event loop for them.
        client = NettyNioAsyncHttpClient.builder()
            .connectionTimeout(settings.connectTimeout())
            .maxConcurrency(settings.maxConnections())
            .build();
      }
      return client;
    }
  }

  synchronized void close() {
    closed = true;
    if (ownsClient && client != null) client.close();
  }

  private static IntegrationException failure(String what, Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause.getCause() != null && cause.getMessage() == null)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof CancellationException) return new IntegrationException(what + ": cancelled");
    String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new IntegrationException(what + ": " + message);
  }

  private static software.amazon.awssdk.auth.credentials.AwsCredentials staticCredentials(AwsIntegrationSettings s) {
    return s.sessionToken().isEmpty() ? AwsBasicCredentials.create(s.accessKeyId(), s.secretAccessKey())
        : AwsSessionCredentials.create(s.accessKeyId(), s.secretAccessKey(), s.sessionToken());
  }
}
