package router.tests;

import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * A real pekko-http HTTP server on 127.0.0.1 (free port), in an ActorSystem of its own, standing in for an
 * integration's backend: it records every request (with the moment its connection ends) and answers with the
 * responder registered for the request's path. Unknown paths answer 404.
 */
final class HttpBackendServer implements AutoCloseable {

  /** A request as the backend saw it. {@code connectionEnded} completes (nanoTime) when its connection ends. */
  record Received(String method, String path, String query, Map<String, String> headers, String body,
      long arrivedNanos, CompletableFuture<Long> connectionEnded) {
    String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
  }

  private final ActorSystem<Void> system;
  private final Materializer materializer;
  private final ServerBinding binding;
  private final Map<String, Function<Received, CompletionStage<HttpResponse>>> responders = new ConcurrentHashMap<>();
  final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  final AtomicInteger connections = new AtomicInteger();

  HttpBackendServer() {
    system = ActorSystem.create(Behaviors.empty(), "backend",
        ConfigFactory.parseString("pekko.loglevel = WARNING\npekko.actor.provider = local")
            .withFallback(ConfigFactory.defaultReference()));
    materializer = Materializer.matFromSystem(system);
    binding = Http.get(system).newServerAt("127.0.0.1", 0).connectionSource()
        .to(Sink.foreach(connection -> {
          connections.incrementAndGet();
          CompletableFuture<Long> ended = new CompletableFuture<>();
          connection.handleWith(Flow.<HttpRequest>create()
              .watchTermination((mat, done) -> {
                done.whenComplete((d, e) -> ended.complete(System.nanoTime()));
                return mat;
              })
              .mapAsync(1, request -> handle(request, ended)), materializer);
        }))
        .run(materializer)
        .toCompletableFuture().join();
  }

  /** Answers requests to {@code path} with {@code responder}. */
  HttpBackendServer on(String path, Function<Received, CompletionStage<HttpResponse>> responder) {
    responders.put(path, responder);
    return this;
  }

  /** Answers requests to {@code path} at once with {@code status} and {@code body} (JSON). */
  HttpBackendServer answer(String path, int status, String body) {
    return on(path, r -> CompletableFuture.completedFuture(json(status, body)));
  }

  static HttpResponse json(int status, String body) {
    return HttpResponse.create().withStatus(status).withEntity(
        org.apache.pekko.http.javadsl.model.ContentTypes.APPLICATION_JSON, body.getBytes(StandardCharsets.UTF_8));
  }

  int port() {
    return binding.localAddress().getPort();
  }

  String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  /** The next request received, waiting up to 10 s; fails the test if none arrives. */
  Received next() throws InterruptedException {
    Received request = received.poll(10, TimeUnit.SECONDS);
    if (request == null) throw new AssertionError("the backend received no request within 10 s");
    return request;
  }

  private CompletionStage<HttpResponse> handle(HttpRequest request, CompletableFuture<Long> ended) {
    long arrived = System.nanoTime();
    return request.entity().toStrict(5000, materializer).thenCompose(entity -> {
      Map<String, String> headers = new java.util.LinkedHashMap<>();
      request.getHeaders().forEach(h -> headers.merge(h.lowercaseName(), h.value(), (a, b) -> a + "," + b));
      if (!entity.getContentType().equals(org.apache.pekko.http.javadsl.model.ContentTypes.NO_CONTENT_TYPE)) {
        headers.put("content-type", entity.getContentType().toString());
      }
      Received received = new Received(request.method().value(), request.getUri().path(),
          request.getUri().rawQueryString().orElse(""), Map.copyOf(headers),
          entity.getData().utf8String(), arrived, ended);
      this.received.add(received);
      Function<Received, CompletionStage<HttpResponse>> responder = responders.get(received.path());
      return responder == null ? CompletableFuture.completedFuture(json(404, "{\"message\":\"no such path\"}"))
          : responder.apply(received);
    });
  }

  /** Every request received so far, without waiting. */
  List<Received> drain() {
    List<Received> all = new java.util.ArrayList<>();
    received.drainTo(all);
    return all;
  }

  @Override
  public void close() throws Exception {
    binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
