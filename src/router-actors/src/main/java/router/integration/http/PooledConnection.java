package router.integration.http;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import router.integration.IntegrationException;
import router.integration.egress.EgressRefusedException;

/**
 * One HTTP/1.1 connection to a backend (pekko-http's connection-level client), carrying one exchange at a time and
 * kept open between exchanges. Unlike a slot of pekko-http's host pool, it can be aborted: {@link #abort} tears the
 * TCP connection down at once, so the backend sees the request end when the caller gives up at its deadline.
 */
final class PooledConnection {
  private final CompletableFuture<ExchangeStage.Port> port;
  private final CompletableFuture<Done> terminated = new CompletableFuture<>();
  private volatile EgressRefusedException refusal;
  private volatile String aborted;
  private volatile boolean used;

  private PooledConnection(CompletionStage<InetSocketAddress> address,
      Function<InetSocketAddress, Flow<HttpRequest, HttpResponse, ?>> connection, Materializer materializer) {
    this.port = address.thenApply(resolved -> {
      String why = aborted;
      if (why != null) throw new IntegrationException(why);
      return connection.apply(resolved).joinMat(Flow.fromGraph(new ExchangeStage()), Keep.right()).run(materializer);
    }).toCompletableFuture();
    port.whenComplete((opened, error) -> {
      if (error != null) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof EgressRefusedException refused) refusal = refused;
        terminated.complete(Done.getInstance());
        return;
      }
      opened.terminated().whenComplete((done, failure) -> terminated.complete(Done.getInstance()));
      String why = aborted;
      if (why != null) opened.abort(why);
    });
  }

  /**
   * A connection to the address {@code address} completes with (the egress policy's answer: it fails with an
   * {@link EgressRefusedException} for a refused one) over the pekko-http flow {@code connection} makes for it. The
   * TCP connect starts once the address is known; an exchange sent before waits for it.
   */
  static PooledConnection open(CompletionStage<InetSocketAddress> address,
      Function<InetSocketAddress, Flow<HttpRequest, HttpResponse, ?>> connection, Materializer materializer) {
    return new PooledConnection(address, connection, materializer);
  }

  /**
   * Sends {@code request} and completes with the response (its entity still to be read). One at a time. The future
   * completes inside the connection's stream: what is chained on it runs there, and must not block.
   */
  CompletableFuture<HttpResponse> exchange(HttpRequest request) {
    used = true;
    ExchangeStage.Port opened = open();
    return opened != null ? opened.exchange(request) : port.thenCompose(p -> {
      String why = aborted;
      return why == null ? p.exchange(request) : CompletableFuture.failedFuture(new IntegrationException(why));
    });
  }

  /** Closes the connection at once (TCP abort), failing whatever exchange it carries. */
  void abort(String why) {
    aborted = why;
    ExchangeStage.Port opened = open();
    if (opened != null) opened.abort(why);
  }

  private ExchangeStage.Port open() {
    return port.isDone() && !port.isCompletedExceptionally() ? port.join() : null;
  }

  boolean isOpen() {
    return !terminated.isDone();
  }

  /** Whether an exchange was started on this connection before (a kept-alive connection may be stale). */
  boolean used() {
    return used;
  }

  CompletionStage<Done> terminated() {
    return terminated;
  }

  /** The egress policy's refusal of this connection's address, or null. */
  EgressRefusedException refusal() {
    return refusal;
  }
}
