package router.integration.http;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpMethod;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.Uri;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.stream.Materializer;
import router.integration.IntegrationException;
import router.integration.IntegrationRequest;
import router.integration.IntegrationResult;
import router.integration.egress.EgressRefusedException;
import router.concurrent.Stages;

/**
 * One integration call on a pooled connection: send, read the whole answer within the deadline, return the
 * connection for reuse. When the caller cancels the result (its deadline passed), the connection is aborted, so the
 * backend sees its request end; a connection that failed or was cancelled is never reused.
 */
final class HttpExchange {
  private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS");
  private static final long MIN_READ_MILLIS = 1;
  /** Request headers pekko-http's renderer interprets (it ignores or doubles them when given as raw headers). */
  private static final Set<String> MODELED = Set.of("host", "content-type", "content-length", "transfer-encoding",
      "connection", "user-agent", "date", "server", "expect", "te", "upgrade", "keep-alive");
  private static final int CONTENT_TYPE_CACHE = 256;
  private static final ConcurrentHashMap<String, ContentType> CONTENT_TYPES = new ConcurrentHashMap<>();
  private static final int URI_CACHE = 1024;
  private static final ConcurrentHashMap<String, Uri> URIS = new ConcurrentHashMap<>();

  private final IntegrationRequest request;
  private final OutboundRequest outbound;
  private final HostPool pool;
  private final HttpSettings settings;
  private final Materializer materializer;
  private final CompletableFuture<IntegrationResult> result = new CompletableFuture<>();
  private volatile PooledConnection connection;

  HttpExchange(IntegrationRequest request, OutboundRequest outbound, HostPool pool, HttpSettings settings,
      Materializer materializer) {
    this.request = request;
    this.outbound = outbound;
    this.pool = pool;
    this.settings = settings;
    this.materializer = materializer;
  }

  CompletableFuture<IntegrationResult> start() {
    result.whenComplete((r, error) -> {
      // cancel(false) by the caller at its deadline: tear the connection down, the backend sees the request end.
      if (result.isCancelled()) {
        PooledConnection current = connection;
        if (current != null) current.abort("Integration request cancelled at its deadline");
      }
    });
    try {
      send(pekkoRequest(outbound), true);
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
    }
    return result;
  }

  private void send(HttpRequest httpRequest, boolean mayRetry) {
    PooledConnection current = pool.acquire();
    if (current == null) {
      result.completeExceptionally(new IntegrationException("All " + settings.maxConnectionsPerHost()
          + " connections to " + outbound.target() + " are busy (router.integrations.http.max-connections-per-host)"));
      return;
    }
    connection = current;
    if (result.isDone()) { // cancelled while acquiring
      current.abort("Integration request cancelled at its deadline");
      return;
    }
    boolean reused = current.used();
    current.exchange(httpRequest).whenComplete((response, error) -> {
      if (error != null) {
        failed(current, error, httpRequest, mayRetry && reused);
        return;
      }
      // A small answer arrives whole (pekko-http parses it into a Strict entity): toStrict would still run a
      // stream (an actor) to copy it.
      if (response.entity() instanceof HttpEntity.Strict strict) {
        if (strict.getData().size() > settings.maxResponseBytes()) {
          failed(current, new IntegrationException("The backend's answer (" + strict.getData().size()
              + " bytes) exceeds router.integrations.http.max-response-size (" + settings.maxResponseBytes() + ")"),
              httpRequest, false);
        } else {
          answered(current, new Answer(response, strict));
        }
        return;
      }
      Stages.plain(response.entity()
          .toStrict(Math.max(MIN_READ_MILLIS, TimeUnit.NANOSECONDS.toMillis(request.remainingNanos())),
              settings.maxResponseBytes(), materializer))
          .whenComplete((entity, readError) -> {
            if (readError != null) failed(current, readError, httpRequest, false);
            else answered(current, new Answer(response, entity));
          });
    });
  }

  private void answered(PooledConnection current, Answer answer) {
    boolean delivered;
    try {
      delivered = result.complete(toResult(answer));
    } catch (RuntimeException e) {
      delivered = result.completeExceptionally(e);
    }
    if (delivered && !closes(answer.response())) {
      pool.release(current);
    } else {
      current.abort(delivered ? "The backend asked to close the connection" : "Answer after the deadline");
    }
  }

  /** {@code mayRetry}: no answer came on a reused connection, and no retry was made yet. */
  private void failed(PooledConnection current, Throwable error, HttpRequest httpRequest, boolean mayRetry) {
    current.abort("Integration request failed");
    if (result.isDone()) return;
    // A kept-alive connection the backend closed just as it was reused: one more try on a new connection,
    // for methods that may be repeated (as pekko-http's own pool does).
    if (mayRetry && IDEMPOTENT.contains(outbound.method()) && request.remainingNanos() > 0) {
      send(httpRequest, false);
    } else {
      result.completeExceptionally(failure(error, current));
    }
  }

  record Answer(HttpResponse response, HttpEntity.Strict entity) {}

  private Throwable failure(Throwable error, PooledConnection failed) {
    EgressRefusedException refused = failed.refusal();
    Throwable cause = error;
    while (refused == null && cause != null) {
      if (cause instanceof EgressRefusedException e) refused = e;
      cause = cause.getCause();
    }
    String id = request.integration() == null ? "?" : request.integration().integrationId();
    String integration = "integration " + id + " (" + request.uri() + ")";
    if (refused != null) {
      return new IntegrationException("Egress refused for " + integration + ": " + refused.getMessage());
    }
    Throwable root = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    return new IntegrationException("HTTP " + integration + " failed: " + root, root);
  }

  private static boolean closes(HttpResponse response) {
    for (HttpHeader header : response.getHeaders()) {
      if (header.is("connection") && header.value().toLowerCase(Locale.ROOT).contains("close")) return true;
    }
    return false;
  }

  static HttpRequest pekkoRequest(OutboundRequest outbound) {
    HttpMethod method = HttpMethods.lookup(outbound.method()).orElseThrow(
        () -> new IntegrationException("Unsupported integrationMethod " + outbound.method()));
    List<HttpHeader> headers = new ArrayList<>(outbound.headers().size());
    for (Map.Entry<String, String> header : outbound.headers()) {
      // Headers the renderer treats specially go through pekko's model; the rest are rendered as given.
      headers.add(MODELED.contains(header.getKey().toLowerCase(Locale.ROOT))
          ? HttpHeader.parse(header.getKey(), header.getValue())
          : RawHeader.create(header.getKey(), header.getValue()));
    }
    HttpRequest httpRequest = HttpRequest.create().withUri(uri(outbound.pathAndQuery())).withMethod(method);
    if (!headers.isEmpty()) httpRequest = httpRequest.addHeaders(headers);
    if (outbound.contentType() == null) return httpRequest;
    ContentType contentType = contentType(outbound.contentType());
    byte[] bytes =
        outbound.binaryBody() != null ? outbound.binaryBody() : outbound.body().getBytes(charset(contentType));
    return httpRequest.withEntity(HttpEntities.create(contentType, bytes));
  }

  static IntegrationResult toResult(Answer answer) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (HttpHeader header : answer.response().getHeaders()) {
      headers.computeIfAbsent(header.lowercaseName(), n -> new ArrayList<>()).add(header.value());
    }
    ContentType contentType = answer.entity().getContentType();
    if (!contentType.equals(ContentTypes.NO_CONTENT_TYPE)) {
      headers.put("content-type", List.of(contentType.toString()));
    }
    String body = answer.entity().getData().decodeString(charset(contentType));
    return new IntegrationResult(answer.response().status().intValue(), headers, body,
        answer.entity().getData());
  }

  /** The request target as pekko's model, parsed once per distinct value (a bounded number of them). */
  static Uri uri(String pathAndQuery) {
    Uri known = URIS.get(pathAndQuery);
    if (known != null) return known;
    Uri parsed = Uri.create(pathAndQuery);
    // Mapped query strings may differ per request: those beyond the bound are parsed each time.
    if (URIS.size() < URI_CACHE) URIS.put(pathAndQuery, parsed);
    return parsed;
  }

  /** The body's content type; an unparsable one is sent as JSON. Parsed once per distinct value (a few per API). */
  static ContentType contentType(String value) {
    ContentType known = CONTENT_TYPES.get(value);
    if (known != null) return known;
    ContentType parsed;
    try {
      parsed = ContentTypes.parse(value);
    } catch (RuntimeException e) {
      parsed = ContentTypes.APPLICATION_JSON;
    }
    // Values come from templates and clients: remember a bounded number of them.
    if (CONTENT_TYPES.size() < CONTENT_TYPE_CACHE) CONTENT_TYPES.put(value, parsed);
    return parsed;
  }

  private static Charset charset(ContentType contentType) {
    return contentType.getCharsetOption().map(c -> c.nioCharset()).orElse(StandardCharsets.UTF_8);
  }
}
