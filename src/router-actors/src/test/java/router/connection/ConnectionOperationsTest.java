package router.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.javadsl.AsPublisher;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import router.errors.ApiGatewayException;
import router.errors.GoneException;
import router.errors.LimitExceededException;
import router.runtime.CloseStatus;
import router.runtime.ServerMessage;

/**
 * What {@code @connections} does to a connection of this node: sends go to the connection's outbound queue (429 when
 * it is full, 410 when the socket is gone), describe tells what GetConnection tells, disconnect closes with 1000, and
 * the end of the stream unregisters the connection and runs {@code $disconnect} once.
 */
class ConnectionOperationsTest {
  /** Only bounds how long a broken test waits; no assertion depends on it. */
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static final ActorTestKit testKit = ActorTestKit.create("ConnectionOperationsTest");
  private static final ConnectionRegistry registry = new ConnectionRegistry(Connections.PROCESSOR);

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  /**
   * An outbound queue of {@code size} messages and what reads it later. Until then nothing reads it: a publisher
   * without a subscriber asks for nothing, so the queue's buffer is all there is (a fan-out publisher would).
   */
  private static Pair<BoundedSourceQueue<ServerMessage>, Source<ServerMessage, NotUsed>> outbound(int size) {
    Pair<BoundedSourceQueue<ServerMessage>, Publisher<ServerMessage>> queue = Source.<ServerMessage>queue(size)
        .toMat(Sink.asPublisher(AsPublisher.WITHOUT_FANOUT), Keep.both())
        .run(testKit.system());
    return Pair.create(queue.first(), Source.fromPublisher(queue.second()));
  }

  private static List<ServerMessage> read(Source<ServerMessage, NotUsed> queued, int count) throws Exception {
    return queued.take(count).runWith(Sink.seq(), testKit.system()).toCompletableFuture()
        .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The outcome of a send: null when it was queued, else the error it failed with. */
  private static Throwable send(Connection connection, String data) {
    try {
      connection.send(new ServerMessage.Text(data)).toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static <T extends ApiGatewayException> T refusal(Class<T> type, Throwable outcome) {
    assertNotNull(outcome, "refused");
    return assertInstanceOf(type, outcome);
  }

  /** Attaches an outbound queue with no byte bound and a kill switch of its own, as the connection's stream does. */
  private static void attach(Connection connection, BoundedSourceQueue<ServerMessage> queue) {
    connection.attach(queue, Long.MAX_VALUE, KillSwitches.shared("test-" + connection.connectionId()));
  }

  @Test
  void sendQueuesTheTextForTheClientAndAcknowledges() throws Exception {
    Connection connection = Connections.newConnection();
    var queue = outbound(4);
    attach(connection, queue.first());
    assertNull(send(connection, "hello"));
    assertNull(send(connection, "again"));
    assertEquals(List.of(new ServerMessage.Text("hello"), new ServerMessage.Text("again")), read(queue.second(), 2));
  }

  @Test
  void sendToAFullOutboundQueueAnswers429AndDropsTheMessage() throws Exception {
    Connection connection = Connections.newConnection();
    var queue = outbound(1);
    attach(connection, queue.first());
    assertNull(send(connection, "fits"));
    LimitExceededException full = refusal(LimitExceededException.class, send(connection, "does not fit"));
    assertEquals(429, full.httpStatus());
    assertTrue(full.getMessage().contains(connection.connectionId()), full.getMessage());
    assertEquals(1, queue.first().size());
    assertEquals(List.of(new ServerMessage.Text("fits")), read(queue.second(), 1));
  }

  @Test
  void sendAfterTheOutboundQueueClosedAnswers410() {
    Connection connection = Connections.newConnection();
    var queue = outbound(4);
    attach(connection, queue.first());
    // What the end of the connection's stream does to its queue.
    queue.first().complete();
    GoneException gone = refusal(GoneException.class, send(connection, "late"));
    assertEquals(410, gone.httpStatus());
    assertTrue(gone.getMessage().contains(connection.connectionId()), gone.getMessage());
  }

  @Test
  void sendBeforeTheStreamStartedAnswers410() {
    assertEquals(410, refusal(GoneException.class, send(Connections.newConnection(), "early")).httpStatus());
  }

  @Test
  void describeTellsConnectedAtLastActiveAtAndIdentity() {
    Connection connection = Connections.newConnection();
    connection.touch(Connections.CONNECTED_AT + 5_000);
    assertEquals(new ConnectionDescription(connection.connectionId(), Connections.CONNECTED_AT,
        Connections.CONNECTED_AT + 5_000, Connections.SOURCE_IP, Connections.USER_AGENT), connection.describe());
  }

  @Test
  void describeSeesActivityAfterTheConnectionOpened() {
    Connection connection = Connections.newConnection();
    assertEquals(Connections.CONNECTED_AT, connection.describe().lastActiveAt());
    connection.touch(Connections.CONNECTED_AT + 60_000);
    assertEquals(Connections.CONNECTED_AT + 60_000, connection.describe().lastActiveAt());
  }

  @Test
  void disconnectEndsTheStreamAheadOfWhatIsQueued() throws Exception {
    Connection connection = Connections.newConnection();
    var queue = outbound(4);
    java.util.concurrent.atomic.AtomicBoolean shutDown = new java.util.concurrent.atomic.AtomicBoolean();
    connection.attach(queue.first(), Long.MAX_VALUE, shutdownRecorder(shutDown));
    assertNull(send(connection, "queued"));
    connection.disconnect();
    // The stream ends at once (the codec then closes with 1000), even with a message still queued for a client
    // that does not read; $disconnect reports DeleteConnection's reason.
    assertTrue(shutDown.get());
    assertSame(CloseStatus.DELETED, connection.closeStatus());
  }

  @Test
  void theEndOfTheStreamUnregistersTheConnectionAndFinishesIt() throws Exception {
    Connection connection = Connections.newConnection();
    registry.open(connection);
    assertSame(connection, registry.get(connection.connectionId()));
    registry.ended(connection);
    assertSame(Done.getInstance(), connection.finished().get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    assertNull(registry.get(connection.connectionId()));
  }

  @Test
  void sendAndDisconnectAfterTheStreamEndedAnswerGoneAndNothingWithoutQueueing() {
    Connection connection = Connections.newConnection();
    var queue = outbound(4);
    java.util.concurrent.atomic.AtomicBoolean shutDown = new java.util.concurrent.atomic.AtomicBoolean();
    connection.attach(queue.first(), Long.MAX_VALUE, shutdownRecorder(shutDown));
    registry.open(connection);
    registry.ended(connection);
    assertEquals(410, refusal(GoneException.class, send(connection, "after the end")).httpStatus());
    connection.disconnect();
    assertEquals(0, queue.first().size(), "nothing queued for a socket that is gone");
    assertFalse(shutDown.get(), "a stream that has ended is not ended again");
    assertNull(connection.closeStatus(), "the way it closed stands");
  }

  @Test
  void aSecondEndOfTheStreamIsHandledOnlyOnce() throws Exception {
    Connection connection = Connections.newConnection();
    registry.open(connection);
    registry.ended(connection);
    connection.finished().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    // The same id registered again (not done by the router: ids are unique) must not be removed by a late second end.
    Connection again = new Connection(connection.info());
    registry.open(again);
    registry.ended(connection);
    assertSame(again, registry.get(connection.connectionId()));
    assertFalse(connection.end(), "ended once");
  }

  /** A kill switch that records a shutdown and fails the test on an abort (a disconnect is a normal end). */
  private static org.apache.pekko.stream.KillSwitch shutdownRecorder(java.util.concurrent.atomic.AtomicBoolean shutDown) {
    return new org.apache.pekko.stream.KillSwitch() {
      @Override
      public void shutdown() {
        shutDown.set(true);
      }

      @Override
      public void abort(Throwable cause) {
        throw new AssertionError("a disconnect is a normal end, not a failure", cause);
      }
    };
  }
}
