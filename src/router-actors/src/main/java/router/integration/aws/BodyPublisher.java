package router.integration.aws;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.http.async.SdkHttpContentPublisher;

/** A request body held in memory, published as one buffer to the SDK's async HTTP client. */
final class BodyPublisher implements SdkHttpContentPublisher {
  private final byte[] body;

  BodyPublisher(byte[] body) {
    this.body = body;
  }

  @Override
  public Optional<Long> contentLength() {
    return Optional.of((long) body.length);
  }

  @Override
  public void subscribe(Subscriber<? super ByteBuffer> subscriber) {
    AtomicBoolean done = new AtomicBoolean();
    subscriber.onSubscribe(new Subscription() {
      @Override
      public void request(long n) {
        if (!done.compareAndSet(false, true)) return;
        if (n <= 0) {
          subscriber.onError(new IllegalArgumentException("Reactive Streams §3.9: request(" + n + ")"));
          return;
        }
        if (body.length > 0) subscriber.onNext(ByteBuffer.wrap(body).asReadOnlyBuffer());
        subscriber.onComplete();
      }

      @Override
      public void cancel() {
        done.set(true);
      }
    });
  }
}
