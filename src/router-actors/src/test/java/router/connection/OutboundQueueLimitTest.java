package router.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import router.runtime.ConnectionInfo;
import router.runtime.ServerMessage;

/** A connection's outbound queue is bounded in messages and in bytes; what the stream takes frees its bytes. */
class OutboundQueueLimitTest {
  private static final ActorTestKit testKit = ActorTestKit.create("OutboundQueueLimitTest");

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  /** A connection whose queue nobody drains: its stream ends in a subscriber that never requests. */
  private static Connection connection(OutboundLimits limits) {
    Connection connection = new Connection(new ConnectionInfo("AAAAAAAAAAAAAAA=", "api0000001", "dev", null,
        1_700_000_000_000L, "127.0.0.1", "junit", "localhost", Map.of(), Map.of(), Map.of(), Map.of()));
    BoundedSourceQueue<ServerMessage> queue = Source.<ServerMessage>queue(limits.maxMessages())
        .to(Sink.fromSubscriber(new Subscriber<ServerMessage>() {
          @Override public void onSubscribe(Subscription subscription) {}
          @Override public void onNext(ServerMessage message) {}
          @Override public void onError(Throwable failure) {}
          @Override public void onComplete() {}
        }))
        .run(testKit.system());
    connection.attach(queue, limits.maxBytes(), KillSwitches.shared("test"));
    return connection;
  }

  private static ServerMessage text(String text) {
    return new ServerMessage.Text(text);
  }

  @Test
  void refusesAPushThatWouldPassTheByteBound() {
    Connection connection = connection(new OutboundLimits(100, 10));
    assertEquals(QueueOfferResult.enqueued(), connection.push(text("12345")));
    assertEquals(QueueOfferResult.enqueued(), connection.push(text("67890")));
    assertEquals(QueueOfferResult.dropped(), connection.push(text("x")));
    assertEquals(10, connection.queuedBytes());
  }

  @Test
  void refusesAPushPastTheMessageBound() {
    Connection connection = connection(new OutboundLimits(2, 1000));
    assertEquals(QueueOfferResult.enqueued(), connection.push(text("a")));
    assertEquals(QueueOfferResult.enqueued(), connection.push(text("b")));
    assertEquals(QueueOfferResult.dropped(), connection.push(text("c")));
    assertEquals(2, connection.queuedBytes(), "a refused message holds no bytes");
  }

  @Test
  void takesOneMessageLargerThanTheByteBoundWhenTheQueueIsEmpty() {
    Connection connection = connection(new OutboundLimits(100, 10));
    assertEquals(QueueOfferResult.enqueued(), connection.push(text("twenty characters...")));
    assertEquals(QueueOfferResult.dropped(), connection.push(text("x")));
  }

  @Test
  void whatTheStreamTakesFreesItsBytes() {
    Connection connection = connection(new OutboundLimits(100, 10));
    ServerMessage first = text("0123456789");
    assertEquals(QueueOfferResult.enqueued(), connection.push(first));
    assertEquals(QueueOfferResult.dropped(), connection.push(text("x")));
    connection.taken(first);
    assertEquals(0, connection.queuedBytes());
    assertEquals(QueueOfferResult.enqueued(), connection.push(text("x")));
  }

  @Test
  void countsUtf8BytesOfTextAndTheLengthOfBinary() {
    assertEquals(1, Connection.sizeOf(text("a")));
    assertEquals(2, Connection.sizeOf(text("é")));
    assertEquals(3, Connection.sizeOf(text("€")));
    assertEquals(4, Connection.sizeOf(text("\uD83D\uDE00")));
    assertEquals(3, Connection.sizeOf(new ServerMessage.Binary(ByteString.fromArray(new byte[] {1, 2, 3}))));
    assertEquals(0, Connection.sizeOf(new ServerMessage.Close(1000, "bye")));
  }

  @Test
  void aConnectionWhoseStreamHasNotStartedIsGone() {
    Connection connection = new Connection(new ConnectionInfo("AAAAAAAAAAAAAAA=", "api0000001", "dev", null, 0L,
        "127.0.0.1", null, "localhost", Map.of(), Map.of(), Map.of(), Map.of()));
    assertEquals(QueueOfferResult.closed(), connection.push(text("x")));
  }

  @Test
  void limitsAreReadFromReferenceConfAndMustBePositive() {
    OutboundLimits defaults = OutboundLimits.from(ConfigFactory.load());
    assertEquals(new OutboundLimits(64, 1024 * 1024), defaults);
    assertThrows(IllegalArgumentException.class, () -> new OutboundLimits(0, 10));
    assertThrows(IllegalArgumentException.class, () -> new OutboundLimits(10, 0));
  }
}
