package router.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.AsPublisher;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import router.errors.LimitExceededException;
import router.runtime.ClientMessage;
import router.runtime.MessageProcessor;
import router.runtime.ServerMessage;

/**
 * One connection's stage: at most max-in-flight client messages being answered, replies in message order whatever
 * order the answers come in, answers that send nothing skipped, pushes merged with the replies, the outbound queue's
 * bound, and every way the stream ends unregistering the connection.
 */
class ConnectionStageTest {
  /** Only bounds how long a broken test waits; no assertion depends on it. */
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final ActorTestKit testKit = ActorTestKit.create("ConnectionStageTest");
  private static final ConnectionRegistry registry = new ConnectionRegistry(Connections.PROCESSOR);

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  /** Client messages in, each answered when the test completes its future; what reaches the client. */
  private record Running(Connection connection, BoundedSourceQueue<ClientMessage> client,
      BlockingQueue<CompletableFuture<ServerMessage>> answers, BlockingQueue<ServerMessage> toClient,
      CompletionStage<Done> ended) {
    CompletableFuture<ServerMessage> nextAnswer() throws InterruptedException {
      CompletableFuture<ServerMessage> answer = answers.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (answer == null) throw new AssertionError("no message reached the integration within " + WAIT);
      return answer;
    }

    ServerMessage next() throws InterruptedException {
      ServerMessage message = toClient.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (message == null) throw new AssertionError("nothing reached the client within " + WAIT);
      return message;
    }

    void send(String text) {
      assertSame(QueueOfferResult.enqueued(), client.offer(new ClientMessage.Text(text)));
    }
  }

  private static Flow<ClientMessage, ServerMessage, ?> stage(Connection connection,
      BlockingQueue<CompletableFuture<ServerMessage>> answers, int maxInFlight, int outbound) {
    return Flow.fromGraph(new ConnectionStage(connection, registry, (info, message) -> {
      CompletableFuture<ServerMessage> answer = new CompletableFuture<>();
      answers.add(answer);
      return answer;
    }, maxInFlight, OutboundLimits.messages(outbound)));
  }

  private static Running run(int maxInFlight, int outbound) {
    Connection connection = Connections.newConnection();
    BlockingQueue<CompletableFuture<ServerMessage>> answers = new LinkedBlockingQueue<>();
    BlockingQueue<ServerMessage> toClient = new LinkedBlockingQueue<>();
    Pair<BoundedSourceQueue<ClientMessage>, CompletionStage<Done>> materialized = Source.<ClientMessage>queue(16)
        .via(stage(connection, answers, maxInFlight, outbound))
        .toMat(Sink.foreach(toClient::add), Keep.both())
        .run(testKit.system());
    return new Running(connection, materialized.first(), answers, toClient, materialized.second());
  }

  private static ServerMessage text(String text) {
    return new ServerMessage.Text(text);
  }

  @Test
  void repliesKeepMessageOrderWhateverOrderTheAnswersComeIn() throws Exception {
    Running running = run(3, 4);
    running.send("a");
    running.send("b");
    running.send("c");
    CompletableFuture<ServerMessage> a = running.nextAnswer();
    CompletableFuture<ServerMessage> b = running.nextAnswer();
    CompletableFuture<ServerMessage> c = running.nextAnswer();
    c.complete(text("C"));
    b.complete(text("B"));
    a.complete(text("A"));
    assertEquals(List.of(text("A"), text("B"), text("C")),
        List.of(running.next(), running.next(), running.next()));
    running.client().complete();
    running.ended().toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Test
  void atMostMaxInFlightMessagesAreAnsweredAtOnce() throws Exception {
    Running running = run(2, 4);
    for (String message : List.of("1", "2", "3", "4")) running.send(message);
    CompletableFuture<ServerMessage> first = running.nextAnswer();
    running.nextAnswer().complete(text("two"));
    // A third message waits for the first to be answered: the socket is not read meanwhile.
    assertNull(running.answers().poll(200, TimeUnit.MILLISECONDS), "a third message in flight");
    first.complete(text("one"));
    assertEquals(text("one"), running.next());
    assertEquals(text("two"), running.next());
    running.nextAnswer().complete(text("three"));
    running.nextAnswer().complete(text("four"));
    assertEquals(List.of(text("three"), text("four")), List.of(running.next(), running.next()));
    running.client().complete();
  }

  @Test
  void answersThatSendNothingAreSkippedAndFailuresEndTheStream() throws Exception {
    Running running = run(2, 4);
    running.send("one-way");
    running.send("two-way");
    running.nextAnswer().complete(MessageProcessor.NOTHING);
    running.nextAnswer().complete(text("reply"));
    assertEquals(text("reply"), running.next());
    running.send("broken");
    running.nextAnswer().completeExceptionally(new IllegalStateException("on purpose"));
    ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> running.ended().toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    assertInstanceOf(IllegalStateException.class, failed.getCause());
    running.connection().finished().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertNull(registry.get(running.connection().connectionId()));
  }

  @Test
  void pushesReachTheClientBetweenReplies() throws Exception {
    Running running = run(2, 4);
    assertSame(registry.get(running.connection().connectionId()), running.connection(), "registered");
    assertTrue(running.connection().push(text("pushed while idle")) == QueueOfferResult.enqueued());
    assertEquals(text("pushed while idle"), running.next());
    running.send("m");
    running.nextAnswer().complete(text("reply"));
    assertEquals(text("reply"), running.next());
    assertEquals(0, running.connection().queuedBytes(), "taken bytes no longer count");
    running.client().complete();
    running.connection().finished().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertSame(QueueOfferResult.closed(), running.connection().push(text("after the end")));
  }

  @Test
  void theOutboundQueueHoldsItsBoundWhileTheClientDoesNotReadAndCloseEndsTheStreamAheadOfIt() throws Exception {
    Connection connection = Connections.newConnection();
    // A publisher without a subscriber asks for nothing: the client does not read.
    Pair<BoundedSourceQueue<ClientMessage>, Publisher<ServerMessage>> materialized = Source.<ClientMessage>queue(4)
        .via(stage(connection, new LinkedBlockingQueue<>(), 2, 3))
        .toMat(Sink.asPublisher(AsPublisher.WITHOUT_FANOUT), Keep.both())
        .run(testKit.system());
    List<Throwable> refused = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      connection.send(text("m" + i)).whenComplete((done, failure) -> {
        if (failure != null) refused.add(failure);
      });
    }
    assertEquals(1, refused.size());
    assertInstanceOf(LimitExceededException.class, refused.get(0));
    connection.disconnect();
    connection.finished().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    // What the client reads now: the stream ended at once, the queued messages went with it.
    List<ServerMessage> read = Source.fromPublisher(materialized.second()).runWith(Sink.seq(), testKit.system())
        .toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertEquals(List.of(), read);
    assertNull(registry.get(connection.connectionId()));
  }

  @Test
  void theClientSideEndingWaitsForTheRepliesStillDue() throws Exception {
    Running running = run(2, 4);
    running.send("last");
    CompletableFuture<ServerMessage> answer = running.nextAnswer();
    running.client().complete();
    assertTrue(!running.ended().toCompletableFuture().isDone(), "ended with a reply due");
    answer.complete(text("last reply"));
    assertEquals(text("last reply"), running.next());
    running.ended().toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    running.connection().finished().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
  }
}
