package router.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import router.runtime.ClientMessage;
import router.runtime.ServerMessage;

/**
 * A connection's stream and its actor together, without a socket: the stream's start registers the connection
 * and starts its actor, what the actor is told to send or close reaches the client side, and the end of the
 * client side unregisters the connection and stops the actor.
 */
class ConnectionFlowTest {
  /** Only bounds how long a broken test waits; no assertion depends on it. */
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final int MAX_IN_FLIGHT = 2;
  private static final int OUTBOUND_BUFFER = 8;

  /** application-test.conf: every message serialized, Pekko's replies included. */
  private static final ActorTestKit testKit = ActorTestKit.create("ConnectionFlowTest");
  private static final ConnectionRegistry registry = new ConnectionRegistry(Connections.PROCESSOR);

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  /** A running connection stream: completing {@code client} ends the client side; {@code toClient} collects. */
  private record Running(CompletableFuture<Optional<ClientMessage>> client, BlockingQueue<ServerMessage> toClient,
      java.util.concurrent.CompletionStage<Done> ended) {
    ServerMessage next() throws InterruptedException {
      ServerMessage message = toClient.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (message == null) throw new AssertionError("nothing reached the client within " + WAIT);
      return message;
    }
  }

  private static Running run(Connection connection) {
    BlockingQueue<ServerMessage> toClient = new LinkedBlockingQueue<>();
    Pair<CompletableFuture<Optional<ClientMessage>>, java.util.concurrent.CompletionStage<Done>> materialized =
        Source.<ClientMessage>maybe()
            .via(ConnectionFlow.create(connection, registry, MAX_IN_FLIGHT, OUTBOUND_BUFFER))
            .toMat(Sink.foreach(toClient::add), Keep.both())
            .run(testKit.system());
    return new Running(materialized.first(), toClient, materialized.second());
  }

  @Test
  void startingTheStreamRegistersTheConnection() {
    Connection connection = Connections.newConnection();
    Running running = run(connection);
    assertSame(connection, registry.get(connection.connectionId()));
    running.client().complete(Optional.empty());
  }

  @Test
  void whatIsSentReachesTheClientAndDisconnectEndsTheStream() throws Exception {
    Connection connection = Connections.newConnection();
    Running running = run(connection);
    connection.send(new ServerMessage.Text("pushed")).toCompletableFuture()
        .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertEquals(new ServerMessage.Text("pushed"), running.next());
    connection.disconnect();
    // The stream towards the client completes; the frame codec answers that with close 1000.
    running.ended().toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    connection.finished().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertNull(registry.get(connection.connectionId()));
  }

  @Test
  void theEndOfTheClientSideUnregistersTheConnectionAndFinishesIt() throws Exception {
    Connection connection = Connections.newConnection();
    Running running = run(connection);
    running.client().complete(Optional.empty());
    connection.finished().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertNull(registry.get(connection.connectionId()));
  }

  @Test
  void aFailedClientSideEndsTheConnectionToo() throws Exception {
    Connection connection = Connections.newConnection();
    Running running = run(connection);
    running.client().completeExceptionally(new IllegalStateException("socket reset on purpose"));
    connection.finished().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertNull(registry.get(connection.connectionId()));
  }
}
