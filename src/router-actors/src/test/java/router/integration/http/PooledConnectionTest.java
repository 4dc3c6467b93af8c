package router.integration.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import router.integration.IntegrationException;
import router.integration.egress.EgressRefusedException;

/** A pooled connection over stand-in connection flows: exchanges, abort, a closing backend, a refused address. */
class PooledConnectionTest {
  private static final long WAIT_SECONDS = 10;
  private static final InetSocketAddress ADDRESS = new InetSocketAddress("127.0.0.1", 9);
  private static final ActorTestKit testKit = ActorTestKit.create("PooledConnectionTest");
  private static final Materializer materializer = Materializer.matFromSystem(testKit.system());

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  /** Answers each request with its path in a header, so answers can be told apart. */
  private static Flow<HttpRequest, HttpResponse, NotUsed> echoing() {
    return Flow.<HttpRequest>create()
        .map(request -> HttpResponse.create().addHeader(RawHeader.create("X-Path", request.getUri().path())));
  }

  private static Flow<HttpRequest, HttpResponse, NotUsed> silent() {
    return Flow.fromSinkAndSource(Sink.ignore(), Source.<HttpResponse>never());
  }

  private static PooledConnection connect(Flow<HttpRequest, HttpResponse, NotUsed> flow) {
    return PooledConnection.open(CompletableFuture.supplyAsync(() -> ADDRESS), address -> flow, materializer);
  }

  private static Throwable failure(CompletableFuture<?> future) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(WAIT_SECONDS, TimeUnit.SECONDS));
    return e.getCause();
  }

  @Test
  void carriesExchangesOneAfterAnotherOnTheSameConnection() throws Exception {
    AtomicInteger materialized = new AtomicInteger();
    PooledConnection connection = PooledConnection.open(CompletableFuture.supplyAsync(() -> ADDRESS), address -> {
      materialized.incrementAndGet();
      return echoing();
    }, materializer);
    for (String path : new String[] {"/a", "/b", "/c"}) {
      HttpResponse response = connection.exchange(HttpRequest.create(path)).get(WAIT_SECONDS, TimeUnit.SECONDS);
      assertEquals(path, response.getHeader("X-Path").orElseThrow().value());
    }
    assertTrue(connection.used());
    assertTrue(connection.isOpen());
    assertEquals(1, materialized.get());
  }

  @Test
  void abortFailsTheExchangeItCarriesAndClosesTheConnection() throws Exception {
    PooledConnection connection = connect(silent());
    CompletableFuture<HttpResponse> pending = connection.exchange(HttpRequest.create("/slow"));
    connection.abort("deadline");
    Throwable cause = failure(pending);
    assertInstanceOf(IntegrationException.class, cause);
    assertEquals("deadline", cause.getMessage());
    connection.terminated().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertFalse(connection.isOpen());
    assertInstanceOf(IntegrationException.class, failure(connection.exchange(HttpRequest.create("/after"))));
  }

  @Test
  void anExchangeFailsWhenTheBackendClosesWithoutAnswering() throws Exception {
    PooledConnection connection = connect(Flow.fromSinkAndSource(Sink.ignore(), Source.<HttpResponse>never()
        .takeWithin(java.time.Duration.ofMillis(200))));
    CompletableFuture<HttpResponse> pending = connection.exchange(HttpRequest.create("/x"));
    assertInstanceOf(IntegrationException.class, failure(pending));
    connection.terminated().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertFalse(connection.isOpen());
  }

  @Test
  void aRefusedAddressFailsTheExchangeAndIsKeptAsTheRefusal() throws Exception {
    EgressRefusedException refused = new EgressRefusedException("localhost", 9, ADDRESS.getAddress(), "a loopback address");
    PooledConnection connection = PooledConnection.open(
        CompletableFuture.supplyAsync(() -> { throw refused; }), address -> echoing(), materializer);
    Throwable cause = failure(connection.exchange(HttpRequest.create("/x")));
    assertSame(refused, cause);
    connection.terminated().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertSame(refused, connection.refusal());
    assertFalse(connection.isOpen());
  }

  @Test
  void abortedWhileResolvingNeverConnects() throws Exception {
    CompletableFuture<InetSocketAddress> address = new CompletableFuture<>();
    AtomicInteger materialized = new AtomicInteger();
    PooledConnection connection = PooledConnection.open(address, resolved -> {
      materialized.incrementAndGet();
      return echoing();
    }, materializer);
    CompletableFuture<HttpResponse> pending = connection.exchange(HttpRequest.create("/x"));
    connection.abort("deadline");
    address.complete(ADDRESS);
    assertNotNull(failure(pending));
    connection.terminated().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertEquals(0, materialized.get());
  }
}
