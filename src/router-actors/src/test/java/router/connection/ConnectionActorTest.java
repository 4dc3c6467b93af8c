package router.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.BehaviorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestInbox;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.pattern.StatusReply;
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
import router.runtime.ServerMessage;

/**
 * The connection actor: sends go to the connection's outbound queue (429 when it is full, 410 when the socket is
 * gone), describe tells what GetConnection tells, disconnect closes with 1000, and the end of the stream
 * unregisters the connection and stops the actor. Every message is serialized as if it crossed the cluster,
 * Pekko's own replies (StatusReply, Done) included.
 */
class ConnectionActorTest {
  /** Only bounds how long a broken test waits; no assertion depends on it. */
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** application-test.conf: every message serialized, Pekko's replies included. */
  private static final ActorTestKit testKit = ActorTestKit.create("ConnectionActorTest");
  private static final ConnectionRegistry registry = new ConnectionRegistry(testKit.system(), Connections.PROCESSOR);

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

  private static ActorRef<ConnectionActor.Command> spawn(Connection connection) {
    return testKit.spawn(ConnectionActor.create(connection, Connections.PROCESSOR, registry));
  }

  private static StatusReply<Done> send(ActorRef<ConnectionActor.Command> actor, String data) {
    TestProbe<StatusReply<Done>> probe = testKit.createTestProbe();
    actor.tell(new ConnectionActor.Send(data, probe.ref()));
    return probe.receiveMessage(WAIT);
  }

  private static <T extends ApiGatewayException> T refusal(Class<T> type, StatusReply<Done> reply) {
    assertTrue(reply.isError(), "refused: " + reply);
    return assertInstanceOf(type, reply.getError());
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
    ActorRef<ConnectionActor.Command> actor = spawn(connection);
    assertTrue(send(actor, "hello").isSuccess());
    assertTrue(send(actor, "again").isSuccess());
    assertEquals(List.of(new ServerMessage.Text("hello"), new ServerMessage.Text("again")), read(queue.second(), 2));
  }

  @Test
  void sendToAFullOutboundQueueAnswers429AndDropsTheMessage() throws Exception {
    Connection connection = Connections.newConnection();
    var queue = outbound(1);
    attach(connection, queue.first());
    ActorRef<ConnectionActor.Command> actor = spawn(connection);
    assertTrue(send(actor, "fits").isSuccess());
    LimitExceededException full = refusal(LimitExceededException.class, send(actor, "does not fit"));
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
    GoneException gone = refusal(GoneException.class, send(spawn(connection), "late"));
    assertEquals(410, gone.httpStatus());
    assertTrue(gone.getMessage().contains(connection.connectionId()), gone.getMessage());
  }

  @Test
  void sendBeforeTheStreamStartedAnswers410() {
    assertEquals(410, refusal(GoneException.class, send(spawn(Connections.newConnection()), "early")).httpStatus());
  }

  @Test
  void describeTellsConnectedAtLastActiveAtAndIdentity() {
    Connection connection = Connections.newConnection();
    connection.touch(Connections.CONNECTED_AT + 5_000);
    TestProbe<ConnectionDescription> probe = testKit.createTestProbe();
    spawn(connection).tell(new ConnectionActor.Describe(probe.ref()));
    assertEquals(new ConnectionDescription(connection.connectionId(), Connections.CONNECTED_AT,
        Connections.CONNECTED_AT + 5_000, Connections.SOURCE_IP, Connections.USER_AGENT), probe.receiveMessage(WAIT));
  }

  @Test
  void describeSeesActivityAfterTheActorStarted() {
    Connection connection = Connections.newConnection();
    ActorRef<ConnectionActor.Command> actor = spawn(connection);
    TestProbe<ConnectionDescription> probe = testKit.createTestProbe();
    actor.tell(new ConnectionActor.Describe(probe.ref()));
    assertEquals(Connections.CONNECTED_AT, probe.receiveMessage(WAIT).lastActiveAt());
    connection.touch(Connections.CONNECTED_AT + 60_000);
    actor.tell(new ConnectionActor.Describe(probe.ref()));
    assertEquals(Connections.CONNECTED_AT + 60_000, probe.receiveMessage(WAIT).lastActiveAt());
  }

  @Test
  void disconnectEndsTheStreamAheadOfWhatIsQueuedAndAnswersDone() throws Exception {
    Connection connection = Connections.newConnection();
    var queue = outbound(4);
    java.util.concurrent.atomic.AtomicBoolean shutDown = new java.util.concurrent.atomic.AtomicBoolean();
    connection.attach(queue.first(), Long.MAX_VALUE, new org.apache.pekko.stream.KillSwitch() {
      @Override
      public void shutdown() {
        shutDown.set(true);
      }

      @Override
      public void abort(Throwable cause) {
        throw new AssertionError("a disconnect is a normal end, not a failure", cause);
      }
    });
    ActorRef<ConnectionActor.Command> actor = spawn(connection);
    assertTrue(send(actor, "queued").isSuccess());
    TestProbe<Done> probe = testKit.createTestProbe();
    actor.tell(new ConnectionActor.Disconnect(probe.ref()));
    assertSame(Done.getInstance(), probe.receiveMessage(WAIT));
    // The stream ends at once (the codec then closes with 1000), even with a message still queued for a client
    // that does not read.
    assertTrue(shutDown.get());
  }

  @Test
  void theEndOfTheStreamUnregistersTheConnectionAndStopsItsActor() {
    Connection connection = Connections.newConnection();
    ActorRef<ConnectionActor.Command> actor = registry.open(connection);
    assertSame(actor, connection.actor());
    assertSame(connection, registry.get(connection.connectionId()));
    actor.tell(new ConnectionActor.StreamTerminated());
    testKit.createTestProbe().expectTerminated(actor, WAIT);
    assertNull(registry.get(connection.connectionId()));
  }

  // Synchronously (BehaviorTestKit): what the actor answers between the end of the stream and its stop, while
  // $disconnect runs; on a live actor that window cannot be hit on purpose.

  @Test
  void sendAndDisconnectAfterTheStreamEndedAnswerGoneAndDoneWithoutQueueing() throws Exception {
    Connection connection = Connections.newConnection();
    var queue = outbound(4);
    attach(connection, queue.first());
    BehaviorTestKit<ConnectionActor.Command> actor =
        BehaviorTestKit.create(ConnectionActor.create(connection, Connections.PROCESSOR, registry));
    actor.run(new ConnectionActor.StreamTerminated());
    TestInbox<StatusReply<Done>> sent = TestInbox.create();
    actor.run(new ConnectionActor.Send("after the end", sent.getRef()));
    assertEquals(410, refusal(GoneException.class, sent.receiveMessage()).httpStatus());
    TestInbox<Done> disconnected = TestInbox.create();
    actor.run(new ConnectionActor.Disconnect(disconnected.getRef()));
    assertSame(Done.getInstance(), disconnected.receiveMessage());
    assertEquals(0, queue.first().size(), "nothing queued for a socket that is gone");
    assertTrue(actor.isAlive(), "alive until $disconnect has run");
    actor.runOne();
    assertFalse(actor.isAlive(), "stopped once $disconnect has run");
  }

  @Test
  void aSecondEndOfTheStreamRunsDisconnectOnlyOnce() {
    Connection connection = Connections.newConnection();
    BehaviorTestKit<ConnectionActor.Command> actor =
        BehaviorTestKit.create(ConnectionActor.create(connection, Connections.PROCESSOR, registry));
    actor.run(new ConnectionActor.StreamTerminated());
    actor.run(new ConnectionActor.StreamTerminated());
    assertEquals(1, actor.selfInbox().getAllReceived().size(), "one $disconnect, one completion");
  }
}
