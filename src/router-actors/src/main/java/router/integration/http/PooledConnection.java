package router.integration.http;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.Done;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.SharedKillSwitch;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.SinkQueueWithCancel;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import router.integration.IntegrationException;
import router.integration.egress.EgressRefusedException;
import router.concurrent.Stages;

/**
 * One HTTP/1.1 connection to a backend (pekko-http's connection-level client), carrying one exchange at a time and
 * kept open between exchanges. Unlike a slot of pekko-http's host pool, it can be aborted: {@link #abort} tears the
 * TCP connection down at once, so the backend sees the request end when the caller gives up at its deadline.
 */
final class PooledConnection {
  private final BoundedSourceQueue<HttpRequest> requests;
  private final SinkQueueWithCancel<HttpResponse> responses;
  private final SharedKillSwitch killSwitch;
  private final CompletableFuture<Done> terminated;
  private final AtomicReference<EgressRefusedException> refusal;
  private volatile boolean used;

  private PooledConnection(BoundedSourceQueue<HttpRequest> requests, SinkQueueWithCancel<HttpResponse> responses,
      SharedKillSwitch killSwitch, CompletionStage<Done> terminated, AtomicReference<EgressRefusedException> refusal) {
    this.requests = requests;
    this.responses = responses;
    this.killSwitch = killSwitch;
    this.terminated = Stages.plain(terminated);
    this.refusal = refusal;
  }

  /**
   * Materializes a connection over {@code connection} (the TCP connect happens when the first request is sent).
   * {@code refusal} receives the egress policy's refusal, if the transport's resolver refuses the address.
   */
  static PooledConnection open(Flow<HttpRequest, HttpResponse, ?> connection,
      AtomicReference<EgressRefusedException> refusal, Materializer materializer) {
    SharedKillSwitch killSwitch = KillSwitches.shared("http-integration");
    Pair<Pair<BoundedSourceQueue<HttpRequest>, CompletionStage<Done>>, SinkQueueWithCancel<HttpResponse>> ends =
        Source.<HttpRequest>queue(1)
            .via(killSwitch.flow())
            .via(connection)
            .via(killSwitch.flow())
            .watchTermination(Keep.both())
            .toMat(Sink.queue(), Keep.both())
            .run(materializer);
    return new PooledConnection(ends.first().first(), ends.second(), killSwitch, ends.first().second(), refusal);
  }

  /** Sends {@code request} and completes with the response (its entity still to be read). One at a time. */
  CompletionStage<HttpResponse> exchange(HttpRequest request) {
    used = true;
    QueueOfferResult offered = requests.offer(request);
    if (offered != QueueOfferResult.enqueued()) {
      return CompletableFuture.failedFuture(new IntegrationException("The connection to the backend is closed"));
    }
    return Stages.plain(responses.pull()).thenApply((Optional<HttpResponse> response) -> response.orElseThrow(
        () -> new IntegrationException("The backend closed the connection without answering")));
  }

  /** Closes the connection at once (TCP abort), failing whatever exchange it carries. */
  void abort(String why) {
    killSwitch.abort(new IntegrationException(why));
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
    return refusal.get();
  }
}
