package router.runtime;

import java.time.Instant;
import router.integration.IntegrationRequest;
import router.integration.IntegrationResult;

/**
 * Writes API Gateway's execution log lines for the routes whose {@link ExecutionLog} asks for them, in API Gateway's
 * words ({@code Endpoint request body after transformations: ...}, {@code Execution failed due to a timeout error}),
 * each carrying the request id, so one message can be followed from the route to the reply. A line is text,
 * {@code 2024-05-01T10:00:00.123Z (requestId) message} as CloudWatch shows it, or one JSON object with the request
 * and connection ids, API, stage, event type and route key as fields. Lines go through the node's bounded,
 * asynchronous log writer ({@link AccessLog}); request and response data are cut at 1,024 characters, as API Gateway
 * truncates log events. Every method returns at once when the route's level does not ask for its line.
 */
public final class ExecutionLogger {
  /** API Gateway truncates log events larger than 1,024 bytes; data lines are cut likewise. */
  static final int MAX_DATA = 1024;
  private static final String TRUNCATED = " [TRUNCATED]";

  private final AccessLog out;
  private final boolean json;

  /** @param json one JSON object per line, else AWS's text lines */
  public ExecutionLogger(AccessLog out, boolean json) {
    this.out = out;
    this.json = json;
  }

  /** The event reached its route. */
  void received(MessageContext c) {
    ExecutionLog log = c.executionLog;
    if (!log.info()) return;
    switch (c.eventType) {
      case "CONNECT" -> info(c, "Client [UserAgent: " + c.connection.userAgent() + ", SourceIp: "
          + c.connection.sourceIp() + "] is connecting to WebSocket API [" + c.stage.apiId() + "].");
      case "DISCONNECT" -> info(c, "Client [UserAgent: " + c.connection.userAgent() + ", SourceIp: "
          + c.connection.sourceIp() + "] disconnected from WebSocket API [" + c.stage.apiId() + "]"
          + (c.closed == null ? "." : ". Close code: " + c.closed.code() + ", reason: " + c.closed.reason()));
      default -> info(c, "Received request. WebSocket Request Route: [" + c.routeKey + "], connection: "
          + c.connection.connectionId());
    }
    if (log.data() && "MESSAGE".equals(c.eventType)) {
      info(c, "Method request body before transformations: " + data(c.body.text()));
    }
  }

  /** No route matched the message and the stage has no {@code $default} route (the stage's default settings). */
  void noRoute(MessageContext c, ExecutionLog stageLog) {
    c.executionLog = stageLog;
    if (stageLog.data()) info(c, "Method request body before transformations: " + data(c.body.text()));
    failed(c, "client error: no route matches the message and the stage has no $default route");
  }

  /** The request as it goes to the integration. */
  void endpointRequest(MessageContext c, IntegrationRequest request) {
    ExecutionLog log = c.executionLog;
    if (!log.info()) return;
    if (log.data()) {
      if (request.uri() != null) info(c, "Endpoint request URI: " + request.uri());
      info(c, "Endpoint request headers: " + request.headers());
      info(c, "Endpoint request body after transformations: " + data(request.body()));
    }
    info(c, "Sending request to " + (request.uri() == null ? request.type() + " integration" : request.uri()));
  }

  /** The integration answered. */
  void answered(MessageContext c, IntegrationResult result, long nanos) {
    ExecutionLog log = c.executionLog;
    if (!log.info()) return;
    info(c, "Received response. Status: " + result.statusCode() + ", Integration latency: " + nanos / 1_000_000
        + " ms");
    if (log.data()) {
      info(c, "Endpoint response headers: " + result.headers());
      info(c, "Endpoint response body before transformations: " + data(result.body()));
    }
  }

  /** What goes back to the client on a two-way route. */
  void replied(MessageContext c, String body) {
    if (c.executionLog.data()) info(c, "Method response body after transformations: " + data(body));
  }

  /** The event is done with {@code status}. */
  void completed(MessageContext c, int status) {
    if (c.executionLog.info()) info(c, "Method completed with status: " + status);
  }

  /** The event failed: {@code Execution failed due to {reason}}. */
  void failed(MessageContext c, String reason) {
    if (c.executionLog.errors()) write(c, true, "Execution failed due to " + reason);
  }

  private void info(MessageContext c, String message) {
    write(c, false, message);
  }

  private void write(MessageContext c, boolean error, String message) {
    StringBuilder line = new StringBuilder(160 + message.length());
    String time = Instant.ofEpochMilli(System.currentTimeMillis()).toString();
    if (json) {
      line.append("{\"time\":\"").append(time).append("\",\"level\":\"").append(error ? "ERROR" : "INFO");
      field(line, "requestId", c.requestId);
      field(line, "connectionId", c.connection.connectionId());
      field(line, "apiId", c.stage.apiId());
      field(line, "stage", c.stage.stageName());
      field(line, "eventType", c.eventType);
      field(line, "routeKey", c.routeKey);
      field(line, "message", message);
      line.append("\"}");
    } else {
      line.append(time).append(" (").append(c.requestId).append(") ");
      for (int i = 0; i < message.length(); i++) { // one event, one line, whatever a body holds
        char ch = message.charAt(i);
        if (ch == '\n') line.append("\\n");
        else if (ch == '\r') line.append("\\r");
        else line.append(ch);
      }
    }
    out.offer(c.executionLog.loggerName(), line.toString(), error);
  }

  private static void field(StringBuilder line, String name, String value) {
    line.append("\",\"").append(name).append("\":\"");
    AccessLogFormat.appendEscaped(line, value == null ? "" : value);
  }

  private static String data(String value) {
    if (value == null) return "";
    return value.length() <= MAX_DATA ? value : value.substring(0, MAX_DATA) + TRUNCATED;
  }
}
