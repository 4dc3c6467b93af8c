package router.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import router.expression.ExpressionContext;
import router.integration.IntegrationResult;

/**
 * Everything one event (a connect, a message, a disconnect) is evaluated against: the connection, the stage, the
 * body, the ids of this request, and — once the integration answered — its result. Expressions read it as an
 * {@link ExpressionContext}; templates get their {@code $context} from it. Used by one thread at a time.
 */
final class MessageContext implements ExpressionContext {
  final ConnectionInfo connection;
  final CompiledStage stage;
  final RequestBody body;
  final String requestId;
  final String eventType;
  final long requestTimeEpoch;
  String routeKey;
  /** The selected route's execution log settings (the stage's when no route matched). */
  ExecutionLog executionLog = ExecutionLog.OFF;
  /** The body is the base64 of a binary frame (CONVERT_TO_TEXT). */
  boolean base64Encoded;
  /** How the connection closed ({@code $disconnect} only; null when unknown). */
  CloseStatus closed;
  private String messageId;
  IntegrationResult result;
  private RequestBody resultBody;
  /** The outcome, for the access log: the status, API Gateway's error message (null: none), the call's time. */
  int status;
  String errorMessage;
  long integrationNanos = -1;

  MessageContext(ConnectionInfo connection, CompiledStage stage, String body, String requestId, String eventType,
      long requestTimeEpoch) {
    this.connection = connection;
    this.stage = stage;
    this.body = new RequestBody(body);
    this.requestId = requestId;
    this.eventType = eventType;
    this.requestTimeEpoch = requestTimeEpoch;
  }

  /** API Gateway's per-message id ($context.messageId), made on first use. */
  String messageId() {
    if (messageId == null) messageId = router.ids.ConnectionIds.requestId();
    return messageId;
  }

  void integrationResult(IntegrationResult result) {
    this.result = result;
    this.resultBody = new RequestBody(result.body());
  }

  @Override
  public JsonNode requestBody() {
    return body.json();
  }

  @Override
  public String requestHeader(String name) {
    return connection.headers().get(name.toLowerCase(java.util.Locale.ROOT));
  }

  @Override
  public String queryStringParameter(String name) {
    return connection.queryString().get(name);
  }

  @Override
  public List<String> requestMultiValueHeader(String name) {
    List<String> values = connection.multiValueHeaders() == null ? null
        : connection.multiValueHeaders().get(name.toLowerCase(java.util.Locale.ROOT));
    return values != null ? values : ExpressionContext.super.requestMultiValueHeader(name);
  }

  @Override
  public List<String> multiValueQueryStringParameter(String name) {
    List<String> values = connection.multiValueQueryString() == null ? null
        : connection.multiValueQueryString().get(name);
    return values != null ? values : ExpressionContext.super.multiValueQueryStringParameter(name);
  }

  @Override
  public String contextVariable(String name) {
    Object value = ContextVariables.value(this, name);
    return value == null ? null : value.toString();
  }

  @Override
  public String stageVariable(String name) {
    return stage.stageVariables().get(name);
  }

  @Override
  public String integrationStatusCode() {
    return result == null ? null : Integer.toString(result.statusCode());
  }

  @Override
  public String integrationResponseHeader(String name) {
    return result == null ? null : result.header(name);
  }

  @Override
  public List<String> integrationResponseMultiValueHeader(String name) {
    return result == null ? null : result.headers().get(name.toLowerCase(java.util.Locale.ROOT));
  }

  @Override
  public JsonNode integrationResponseBody() {
    return resultBody == null ? null : resultBody.json();
  }
}
