package router.integration.aws;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import router.integration.IntegrationResult;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.async.SdkAsyncHttpResponseHandler;

/**
 * Reads a service's answer into an {@link IntegrationResult} (status, lower-case headers, UTF-8 body), refusing
 * bodies larger than the configured maximum. Completes {@code result}; failures go through {@code failure}.
 */
final class ResponseCollector implements SdkAsyncHttpResponseHandler {
  private final CompletableFuture<IntegrationResult> result;
  private final Function<Throwable, Throwable> failure;
  private final int maxBytes;
  private volatile SdkHttpResponse response;

  ResponseCollector(CompletableFuture<IntegrationResult> result, Function<Throwable, Throwable> failure, int maxBytes) {
    this.result = result;
    this.failure = failure;
    this.maxBytes = maxBytes;
  }

  @Override
  public void onHeaders(SdkHttpResponse headers) {
    this.response = headers;
  }

  @Override
  public void onStream(Publisher<ByteBuffer> stream) {
    stream.subscribe(new Subscriber<ByteBuffer>() {
      private final ByteArrayOutputStream body = new ByteArrayOutputStream();
      private Subscription subscription;

      @Override
      public void onSubscribe(Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(ByteBuffer buffer) {
        if (result.isDone()) return;
        if (body.size() + (long) buffer.remaining() > maxBytes) {
          // Fail first: cancelling makes the client fail the exchange with a vaguer reason.
          onError(new IllegalStateException("the answer is larger than " + maxBytes + " bytes"));
          subscription.cancel();
          return;
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        body.write(bytes, 0, bytes.length);
      }

      @Override
      public void onError(Throwable error) {
        result.completeExceptionally(failure.apply(error));
      }

      @Override
      public void onComplete() {
        result.complete(new IntegrationResult(response.statusCode(), lowerCase(response.headers()),
            body.toString(StandardCharsets.UTF_8)));
      }
    });
  }

  @Override
  public void onError(Throwable error) {
    result.completeExceptionally(failure.apply(error));
  }

  private static Map<String, List<String>> lowerCase(Map<String, List<String>> headers) {
    Map<String, List<String>> lower = new LinkedHashMap<>();
    headers.forEach((name, values) -> lower.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
    return lower;
  }
}
