package router.integration.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import router.integration.EventContext;
import router.integration.IntegrationRequest;
import router.integration.IntegrationResult;
import router.model.IntegrationType;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.http.async.AsyncExecuteRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;

/** What goes over the wire and comes back, through the real SDK client on an in-memory HTTP client. */
class LambdaBackendPayloadTest {
  private static final String URI =
      "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/HelloWorld:alpha/invocations";
  private static final String TEXT = "h\u00e9llo \u2713 \ud83d\ude00";

  /** Records the request's body and answers {@code answer} at once. */
  static final class Recording implements SdkAsyncHttpClient {
    final CompletableFuture<byte[]> sent = new CompletableFuture<>();
    volatile String path;
    private final byte[] answer;

    Recording(byte[] answer) {
      this.answer = answer;
    }

    @Override
    public CompletableFuture<Void> execute(AsyncExecuteRequest request) {
      path = request.request().encodedPath();
      CompletableFuture<Void> done = new CompletableFuture<>();
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      request.requestContentPublisher().subscribe(new Subscriber<ByteBuffer>() {
        @Override
        public void onSubscribe(Subscription s) {
          s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(ByteBuffer b) {
          byte[] bytes = new byte[b.remaining()];
          b.get(bytes);
          body.writeBytes(bytes);
        }

        @Override
        public void onError(Throwable t) {
          done.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
          sent.complete(body.toByteArray());
          request.responseHandler().onHeaders(SdkHttpFullResponse.builder().statusCode(200)
              .putHeader("Content-Type", "application/json")
              .putHeader("Content-Length", String.valueOf(answer.length)).build());
          request.responseHandler().onStream(s -> s.onSubscribe(new Subscription() {
            private boolean delivered;

            @Override
            public void request(long n) {
              if (delivered) return;
              delivered = true;
              s.onNext(ByteBuffer.wrap(answer));
              s.onComplete();
            }

            @Override
            public void cancel() {}
          }));
          done.complete(null);
        }
      });
      return done;
    }

    @Override
    public void close() {}
  }

  @Test
  void theProxyEventGoesAsUtf8AndTheAnswerIsReadAsUtf8() throws Exception {
    byte[] answer = ("{\"statusCode\":200,\"headers\":{\"X-A\":\"1\"},\"body\":\"" + TEXT + "\"}")
        .getBytes(StandardCharsets.UTF_8);
    Recording http = new Recording(answer);
    LambdaSettings settings = new LambdaSettings("http://127.0.0.1:9", "AKIDTEST", "secret", "", 4, 10,
        Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ZERO, 0, 1);
    EventContext event = new EventContext(EventContext.MESSAGE, "$default", "m", "r", "r", "c", 0, 0, "api", "dev",
        "localhost", "127.0.0.1", null, Map.of(), Map.of(), null, null, TEXT, false, Map.of());
    try (LambdaBackend backend = new LambdaBackend(settings, http)) {
      IntegrationResult result = backend.invoke(new IntegrationRequest(IntegrationType.AWS_PROXY, null, "POST", URI,
          TEXT, Map.of(), Map.of(), event, System.nanoTime() + TimeUnit.SECONDS.toNanos(10)))
          .toCompletableFuture().get(30, TimeUnit.SECONDS);
      assertEquals(ProxyEvent.json(event), new String(http.sent.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8));
      assertTrue(http.path.endsWith("/functions/HelloWorld/invocations"), http.path);
      assertEquals(200, result.statusCode());
      assertEquals(TEXT, result.body());
    }
  }
}
