package router.tests;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * A server of the Lambda Invoke API ({@code POST /2015-03-31/functions/{FunctionName}/invocations?Qualifier=...})
 * on 127.0.0.1, for tests: each function (by name) answers as the test scripts it, and every invocation is
 * recorded. A {@link Reply#hang()} answer sends its headers and then whitespace, never ending, so the test sees
 * when the client gives up (a write fails once the connection is closed, which ends the response stream).
 */
final class FakeLambda implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration TICK = Duration.ofMillis(100);
  private static final String PREFIX = "/2015-03-31/functions/";
  private static final String SUFFIX = "/invocations";

  /** One call as the server received it; {@code functionName} is decoded, {@code qualifier} null when absent. */
  record Invocation(String functionName, String qualifier, String payload, String authorization) {}

  /** How a function answers. */
  record Reply(int status, Map<String, String> headers, String body, boolean endless) {
    static Reply ok(String payload) {
      return new Reply(200, Map.of(), payload, false);
    }

    /** The function failed: Lambda answers 200 with X-Amz-Function-Error and the error object. */
    static Reply functionError(String errorMessage) {
      return new Reply(200, Map.of("X-Amz-Function-Error", "Unhandled"),
          "{\"errorMessage\":\"" + errorMessage + "\",\"errorType\":\"Error\",\"stackTrace\":[]}", false);
    }

    /** Lambda's throttle: 429 TooManyRequestsException. */
    static Reply throttled() {
      return new Reply(429, Map.of("x-amzn-ErrorType", "TooManyRequestsException"),
          "{\"Type\":\"User\",\"message\":\"Rate Exceeded.\",\"Reason\":\"ReservedFunctionConcurrentInvocationLimitExceeded\"}",
          false);
    }

    /** Headers now, the body never. */
    static Reply hang() {
      return new Reply(200, Map.of(), "", true);
    }
  }

  private final ActorSystem<Void> system;
  private final ServerBinding binding;
  private final Map<String, Function<Invocation, Reply>> functions = new ConcurrentHashMap<>();
  private final Map<String, BlockingQueue<Invocation>> received = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Void>> abandoned = new ConcurrentHashMap<>();

  private FakeLambda(ActorSystem<Void> system) throws Exception {
    this.system = system;
    this.binding = Http.get(system).newServerAt("127.0.0.1", 0).bind(this::handle)
        .toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  static FakeLambda start() throws Exception {
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "fakeLambda",
        // the SDK's Authorization and User-Agent values are not in pekko-http's grammar: read them raw, quietly
        com.typesafe.config.ConfigFactory.parseString(
            "pekko.loglevel = WARNING\npekko.http.server.parsing.illegal-header-warnings = off"));
    try {
      return new FakeLambda(system);
    } catch (Exception e) {
      system.terminate();
      throw e;
    }
  }

  /** The endpoint the Lambda client is pointed at. */
  String endpoint() {
    return "http://127.0.0.1:" + binding.localAddress().getPort();
  }

  /** Scripts the function {@code name} (the last part of an ARN). */
  void function(String name, Function<Invocation, Reply> behaviour) {
    functions.put(name, behaviour);
  }

  /** The next invocation of function {@code name}, waiting up to 10 s; fails the test if none comes. */
  Invocation next(String name) throws InterruptedException {
    Invocation invocation = queue(name).poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    if (invocation == null) throw new AssertionError("function " + name + " was not invoked within " + WAIT);
    return invocation;
  }

  /** Completes when the client abandons a {@link Reply#hang()} answer of function {@code name}. */
  CompletableFuture<Void> abandoned(String name) {
    return abandoned.computeIfAbsent(name, n -> new CompletableFuture<>());
  }

  private BlockingQueue<Invocation> queue(String name) {
    return received.computeIfAbsent(name, n -> new LinkedBlockingQueue<>());
  }

  private CompletionStage<HttpResponse> handle(HttpRequest request) {
    String path = request.getUri().path();
    if (!request.method().equals(HttpMethods.POST) || !path.startsWith(PREFIX) || !path.endsWith(SUFFIX)) {
      return CompletableFuture.completedFuture(HttpResponse.create().withStatus(404));
    }
    String functionName = URLDecoder.decode(path.substring(PREFIX.length(), path.length() - SUFFIX.length()),
        StandardCharsets.UTF_8);
    String name = functionName.contains(":function:")
        ? functionName.substring(functionName.indexOf(":function:") + ":function:".length()) : functionName;
    String qualifier = request.getUri().query().get("Qualifier").orElse(null);
    String authorization = request.getHeader("Authorization").map(h -> h.value()).orElse(null);
    return request.entity().toStrict(WAIT.toMillis(), system).thenApply(entity -> {
      Invocation invocation = new Invocation(functionName, qualifier, entity.getData().utf8String(), authorization);
      queue(name).add(invocation);
      Function<Invocation, Reply> behaviour = functions.get(name);
      if (behaviour == null) {
        return HttpResponse.create().withStatus(404)
            .addHeader(RawHeader.create("x-amzn-ErrorType", "ResourceNotFoundException"))
            .withEntity(ContentTypes.APPLICATION_JSON,
                "{\"Type\":\"User\",\"message\":\"Function not found: " + functionName + "\"}");
      }
      return response(name, behaviour.apply(invocation));
    });
  }

  private HttpResponse response(String name, Reply reply) {
    HttpResponse response = HttpResponse.create().withStatus(reply.status());
    for (Map.Entry<String, String> h : reply.headers().entrySet()) {
      response = response.addHeader(RawHeader.create(h.getKey(), h.getValue()));
    }
    if (!reply.endless()) return response.withEntity(ContentTypes.APPLICATION_JSON, reply.body());
    // Whitespace now and then (a JSON body that never ends): only a write notices that the client has gone.
    Source<ByteString, ?> never = Source.tick(TICK, TICK, ByteString.fromString(" ")).watchTermination((mat, done) -> {
      done.whenComplete((d, e) -> abandoned(name).complete(null));
      return mat;
    });
    return response.withEntity(HttpEntities.createChunked(ContentTypes.APPLICATION_JSON, never));
  }

  @Override
  public void close() throws Exception {
    binding.unbind().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }
}
