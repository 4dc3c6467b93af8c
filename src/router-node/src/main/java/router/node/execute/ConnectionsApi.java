package router.node.execute;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.Done;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import router.connection.ConnectionDescription;
import router.connection.ConnectionService;
import router.deploy.LiveStages;
import router.errors.ApiGatewayException;
import router.errors.ForbiddenException;
import router.errors.GoneException;
import router.errors.PayloadTooLargeException;
import router.protocol.GatewayMessages;
import router.concurrent.Stages;

/**
 * The {@code @connections} API of a stage (API Gateway Management API: PostToConnection, GetConnection,
 * DeleteConnection) over HTTP: the thin layer over {@link ConnectionService}; errors are API Gateway's
 * ({@code x-amzn-ErrorType} and a JSON body).
 */
final class ConnectionsApi {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionsApi.class);
  private static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** GetConnection's times: ISO 8601 with milliseconds, as API Gateway prints them (2020-04-30T20:10:33.236Z). */
  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final LiveStages stages;
  private final ConnectionService connections;
  private final int maxDataBytes;
  private final Duration askTimeout;

  /** @param maxDataBytes the largest body PostToConnection accepts (API Gateway: 128 KB); larger is 413 */
  ConnectionsApi(LiveStages stages, ConnectionService connections, int maxDataBytes, Duration askTimeout) {
    this.stages = stages;
    this.connections = connections;
    this.maxDataBytes = maxDataBytes;
    this.askTimeout = askTimeout;
  }

  /** {@code POST | GET | DELETE @connections/{connectionId}} of stage {@code stageName} of API {@code apiId}. */
  Route route(String apiId, String stageName, String connectionId) {
    if (stages.handle(apiId, stageName) == null) {
      // No such API or stage deployed here: API Gateway answers 403 Forbidden.
      return complete(error(new ForbiddenException(GatewayMessages.FORBIDDEN)));
    }
    return concat(
        post(() -> postToConnection(apiId, stageName, connectionId)),
        get(() -> completeWithFuture(connections.describe(apiId, stageName, connectionId).handle((d, failure) ->
            failure == null
                ? HttpResponse.create().withStatus(StatusCodes.OK)
                    .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, describeJson(d)))
                : error(failure)))),
        delete(() -> completeWithFuture(connections.close(apiId, stageName, connectionId).handle((done, failure) ->
            failure == null ? HttpResponse.create().withStatus(StatusCodes.NO_CONTENT) : error(failure)))));
  }

  private Route postToConnection(String apiId, String stageName, String connectionId) {
    return extractRequestEntity(entity -> extractMaterializer(materializer -> {
      // A declared length over the limit is refused unread (pekko-http's own max-content-length would otherwise
      // fail the entity first for very large ones); a chunked body is cut off by the size limit while read.
      if (entity.getContentLengthOption().orElse(0L) > maxDataBytes) return complete(tooLarge());
      CompletionStage<Done> sent = Stages.plain(entity.withSizeLimit(maxDataBytes)
              .toStrict(askTimeout.toMillis(), materializer))
          .thenCompose(body -> connections.post(apiId, stageName, connectionId, body.getData()));
      return completeWithFuture(sent.handle((done, failure) -> failure == null
          ? HttpResponse.create().withStatus(StatusCodes.OK)
          : causeOf(failure) instanceof EntityStreamSizeException ? tooLarge() : error(failure)));
    }));
  }

  /** GetConnection's body: {@code {"connectedAt", "identity": {"sourceIp", "userAgent"}, "lastActiveAt"}}. */
  static String describeJson(ConnectionDescription d) {
    ObjectNode body = JSON.createObjectNode();
    body.put("connectedAt", ISO_MILLIS.format(Instant.ofEpochMilli(d.connectedAt())));
    ObjectNode identity = body.putObject("identity");
    identity.put("sourceIp", d.sourceIp());
    if (d.userAgent() != null) identity.put("userAgent", d.userAgent());
    body.put("lastActiveAt", ISO_MILLIS.format(Instant.ofEpochMilli(d.lastActiveAt())));
    return body.toString();
  }

  private HttpResponse tooLarge() {
    return error(new PayloadTooLargeException(
        "The data exceeds the maximum size allowed (" + maxDataBytes + " bytes)"));
  }

  /**
   * GoneException carries no message: the exception's model has no members and API Gateway sends none (SDKs show
   * it as {@code null}).
   */
  private static HttpResponse gone() {
    return response(410, new GoneException("").errorType(), "{\"message\":null}");
  }

  /** An error answered the way API Gateway does: its status, {@code x-amzn-ErrorType}, {@code {"message"}}. */
  static HttpResponse error(Throwable failure) {
    Throwable cause = causeOf(failure);
    if (cause instanceof GoneException) return gone();
    if (cause instanceof ApiGatewayException e) {
      return response(e.httpStatus(), e.errorType(), JSON.createObjectNode().put("message", e.getMessage()).toString());
    }
    if (cause instanceof TimeoutException) {
      LOG.warn("@connections call timed out: {}", cause.getMessage());
    } else {
      LOG.error("@connections call failed", cause);
    }
    return response(500, "InternalServerErrorException",
        GatewayMessages.httpBody(GatewayMessages.INTERNAL_SERVER_ERROR));
  }

  private static HttpResponse response(int status, String errorType, String body) {
    return HttpResponse.create().withStatus(status)
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body))
        .addHeader(RawHeader.create(ERROR_TYPE_HEADER, errorType));
  }

  private static Throwable causeOf(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
