package router.integration.lambda;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import router.integration.EventContext;
import router.integration.IntegrationBackend;
import router.integration.IntegrationException;
import router.integration.IntegrationRequest;
import router.integration.IntegrationResult;
import router.model.IntegrationType;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/**
 * Lambda integrations ({@code AWS_PROXY} and {@code AWS} with a {@code ...:lambda:path/2015-03-31/functions/...}
 * URI), through the Lambda Invoke API with the AWS SDK's async client. A proxy integration sends the {@link
 * ProxyEvent} and reads a {@link ProxyResponse}; a non-proxy one sends the rendered request template and answers
 * the function's output with status 200, for the integration responses to select by {@code errorMessage}.
 *
 * <p>A function error ({@code X-Amz-Function-Error}), a throttle, an unreachable endpoint or a malformed proxy
 * answer fails the call (the client gets {@code Internal server error}), except a function error on a non-proxy
 * integration outside {@code $connect}: as in API Gateway, its error object ({@code errorMessage}, {@code
 * errorType}) is the integration's output, selected by the integration responses. Cancelling the returned stage
 * (the caller's deadline) cancels the SDK call, which closes its HTTP request.
 */
public final class LambdaBackend implements IntegrationBackend, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LambdaBackend.class);
  private static final String FUNCTION_ERROR_HEADER = "x-amz-function-error";
  /** Characters of a function's error output a log line quotes. */
  private static final int LOGGED_PAYLOAD = 512;

  /** The functions the integration URIs seen so far name, by URI (URIs come from deployments: a bounded set). */
  private final ConcurrentMap<String, LambdaFunction> functions =
      new ConcurrentHashMap<>();

  private final LambdaClients clients;

  public LambdaBackend(LambdaSettings settings) {
    this.clients = new LambdaClients(settings, null);
  }

  /** A backend whose clients send through {@code http} (tests; closed with the backend). */
  LambdaBackend(LambdaSettings settings, SdkAsyncHttpClient http) {
    this.clients = new LambdaClients(settings, http);
  }

  /** The backend configured by {@code router.integrations.lambda}, closed when {@code system} terminates. */
  public static LambdaBackend create(ActorSystem<?> system) {
    LambdaBackend backend = new LambdaBackend(LambdaSettings.from(system.settings().config()));
    system.getWhenTerminated().thenRun(backend::close);
    return backend;
  }

  @Override
  public CompletionStage<IntegrationResult> invoke(IntegrationRequest request) {
    LambdaFunction function;
    try {
      function = function(request.uri());
    } catch (InvalidLambdaUriException e) {
      return CompletableFuture.failedFuture(new IntegrationException(e.getMessage()));
    }
    boolean proxy = request.type() == IntegrationType.AWS_PROXY;
    // The SDK neither copies nor changes the payload's bytes: hand them over without a defensive copy.
    byte[] payload = proxy ? ProxyEvent.utf8(request.event())
        : (request.body() == null ? "" : request.body()).getBytes(StandardCharsets.UTF_8);
    InvokeRequest.Builder invoke = InvokeRequest.builder()
        .functionName(function.functionName())
        .payload(SdkBytes.fromByteArrayUnsafe(payload));
    if (function.qualifier() != null) invoke.qualifier(function.qualifier());
    CompletableFuture<InvokeResponse> call;
    try {
      call = clients.forRegion(function.region()).invoke(invoke.build());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(failure(function, e));
    }
    CompletableFuture<IntegrationResult> result = new CompletableFuture<>();
    call.whenComplete((response, error) -> {
      try {
        if (error != null) result.completeExceptionally(failure(function, error));
        else result.complete(answer(function, proxy, request.event(), response));
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
      }
    });
    // The caller cancels at its deadline: abort the HTTP request rather than wait for the function.
    result.whenComplete((r, e) -> {
      if (e instanceof CancellationException) call.cancel(true);
    });
    return result;
  }

  // A deployed URI names the same function on every message: parse it once (failures are not remembered).
  private LambdaFunction function(String uri) {
    LambdaFunction known = functions.get(uri);
    if (known != null) return known;
    LambdaFunction parsed = LambdaFunction.parse(uri);
    functions.put(uri, parsed);
    return parsed;
  }

  private static IntegrationResult answer(
      LambdaFunction function, boolean proxy, EventContext event, InvokeResponse response) {
    String functionError = response.functionError();
    if (functionError == null && proxy) {
      try {
        return ProxyResponse.parse(response.payload() == null ? null : response.payload().asByteArrayUnsafe());
      } catch (MalformedProxyResponseException e) {
        throw new IntegrationException("Malformed Lambda proxy response from function " + function + ": "
            + e.getMessage());
      }
    }
    String payload = response.payload() == null ? "" : response.payload().asUtf8String();
    if (functionError != null) {
      boolean connect = event != null && EventContext.CONNECT.equals(event.eventType());
      if (proxy || connect) {
        throw new IntegrationException("Lambda function " + function + " returned an error (" + functionError + "): "
            + abbreviate(payload));
      }
      // API Gateway: a non-proxy Lambda integration's output is a 200 response even when the function failed; the
      // integration responses match their keys against its errorMessage.
      LOG.warn("Lambda function {} of route {} returned an error ({}): {} ({})", function,
          event == null ? "?" : event.routeKey(), functionError, abbreviate(payload),
          event == null ? "?" : event.requestId());
      return new IntegrationResult(response.statusCode(), Map.of(FUNCTION_ERROR_HEADER, List.of(functionError)),
          payload);
    }
    return new IntegrationResult(response.statusCode(), Map.of(), payload);
  }

  private static RuntimeException failure(LambdaFunction function, Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof CancellationException cancelled) return cancelled;
    if (cause instanceof TooManyRequestsException) {
      return new IntegrationException("Lambda function " + function + " was throttled: " + message(cause));
    }
    if (cause instanceof LambdaException e) {
      String code = e.awsErrorDetails() == null ? "" : " " + e.awsErrorDetails().errorCode();
      return new IntegrationException("Lambda Invoke of function " + function + " failed with " + e.statusCode()
          + code + ": " + message(cause));
    }
    if (cause instanceof SdkClientException) {
      return new IntegrationException("Lambda function " + function + " could not be invoked: " + message(cause));
    }
    return cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
  }

  private static String message(Throwable error) {
    return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
  }

  private static String abbreviate(String text) {
    return text.length() <= LOGGED_PAYLOAD ? text : text.substring(0, LOGGED_PAYLOAD) + "...";
  }

  @Override
  public void close() {
    clients.close();
  }
}
