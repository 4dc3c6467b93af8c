package router.loadtest.baseline;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.japi.function.Function;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.util.ByteString;
import router.loadtest.json.JsonSpans;

/**
 * A local integration backend that answers at once, the far end of the integrations benchmark:
 * {@code POST /echo} answers 200 with the request's body and content type (an HTTP_PROXY target);
 * {@code POST /2015-03-31/functions/{name}/invocations} is the Lambda Invoke API of a function
 * that returns {@code {"statusCode":200,"body":<the proxy event's body>}} (an AWS_PROXY target;
 * the signature is not checked). {@code GET /health/ready} answers 200, anything else 404.
 *
 * <p>Cheap per request: a body that arrived whole is answered synchronously, and the Lambda answer
 * is the event's body bytes between a fixed prefix and suffix (ByteString slices, not copied).
 */
public final class BackendServer {

  /** Path of the HTTP echo. */
  public static final String ECHO_PATH = "/echo";
  /** Path prefix of the Lambda Invoke API. */
  public static final String INVOKE_PREFIX = "/2015-03-31/functions/";
  /** Path suffix of the Lambda Invoke API. */
  public static final String INVOKE_SUFFIX = "/invocations";
  private static final String READY_PATH = "/health/ready";
  /** Longest wait for a body that arrives in several chunks. */
  private static final long TO_STRICT_MILLIS = 5_000;
  private static final ByteString PROXY_PREFIX = ByteString.fromString("{\"statusCode\":200,\"body\":");
  private static final ByteString PROXY_SUFFIX = ByteString.fromString("}");
  private static final ByteString EMPTY_BODY = ByteString.fromString("\"\"");
  private static final byte[] BODY_KEY = JsonSpans.key("body");
  private static final HttpResponse READY = HttpResponse.create().withStatus(StatusCodes.OK);
  private static final HttpResponse NOT_FOUND = HttpResponse.create().withStatus(StatusCodes.NOT_FOUND);

  private BackendServer() {}

  /**
   * {@code base} for the backend's ActorSystem: pekko-http cannot model a SigV4 {@code Authorization} header and
   * would log a warning for every Lambda call (kept as a raw header either way), which would cost the backend more
   * per call through the router than per direct call.
   */
  public static Config config(Config base) {
    return ConfigFactory.parseString("pekko.http.parsing.illegal-header-warnings = off").withFallback(base);
  }

  /** Binds the backend on {@code host:port} (port 0 = any free port). */
  public static CompletionStage<ServerBinding> start(ActorSystem system, String host, int port) {
    Materializer materializer = Materializer.matFromSystem(system);
    Function<HttpRequest, CompletionStage<HttpResponse>> handler = request -> handle(request, materializer);
    return Http.get(system).newServerAt(host, port).bind(handler);
  }

  private static CompletionStage<HttpResponse> handle(HttpRequest request, Materializer materializer) {
    HttpEntity entity = request.entity();
    if (entity instanceof HttpEntity.Strict strict) {
      return CompletableFuture.completedFuture(answer(request, strict.getData()));
    }
    // thenApplyAsync on the completing thread: pekko's stages run a plain thenApply on the common pool, a new thread
    // per call on 2 cores.
    return entity.toStrict(TO_STRICT_MILLIS, materializer)
        .thenApplyAsync(s -> answer(request, s.getData()), Runnable::run);
  }

  /** The answer to {@code request} whose body is {@code body}. */
  static HttpResponse answer(HttpRequest request, ByteString body) {
    String path = request.getUri().path();
    boolean post = request.method().equals(HttpMethods.POST);
    if (post && path.equals(ECHO_PATH)) {
      return HttpResponse.create().withEntity(HttpEntities.create(request.entity().getContentType(), body));
    }
    if (post && path.startsWith(INVOKE_PREFIX) && path.endsWith(INVOKE_SUFFIX)) {
      return HttpResponse.create().withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, proxyAnswer(body)));
    }
    if (path.equals(READY_PATH)) return READY;
    return NOT_FOUND;
  }

  /**
   * What the function returns for the proxy event {@code event}: status 200 and the event's body
   * (a JSON string, copied as it is, escapes included); an event without one gets {@code ""}.
   */
  public static ByteString proxyAnswer(ByteString event) {
    ByteBuffer json = event.asByteBuffer();
    long span = JsonSpans.topLevelValue(json, BODY_KEY);
    boolean string = span != JsonSpans.NOT_FOUND && json.get(json.position() + JsonSpans.start(span)) == '"';
    ByteString body = string ? event.slice(JsonSpans.start(span), JsonSpans.end(span)) : EMPTY_BODY;
    return PROXY_PREFIX.concat(body).concat(PROXY_SUFFIX);
  }
}
