package router.runtime;

import java.util.List;
import java.util.Map;
import router.integration.EventContext;

/** Builds the {@link EventContext} of one event from its {@link MessageContext}. */
final class Events {
  private Events() {}

  static EventContext of(MessageContext context) {
    ConnectionInfo info = context.connection;
    boolean connect = EventContext.CONNECT.equals(context.eventType);
    boolean message = EventContext.MESSAGE.equals(context.eventType);
    Map<String, List<String>> headers = connect ? info.multiValueHeaders() : Map.of();
    Map<String, List<String>> query = connect ? info.multiValueQueryString() : Map.of();
    return new EventContext(context.eventType, context.routeKey, message ? context.messageId() : null,
        context.requestId, context.requestId, info.connectionId(), info.connectedAt(), context.requestTimeEpoch,
        info.apiId(), info.stageName(), info.domainName(), info.sourceIp(), info.userAgent(), headers, query,
        context.closed == null ? null : context.closed.code(), context.closed == null ? null : context.closed.reason(),
        message ? context.body.text() : null, context.base64Encoded, context.stage.stageVariables());
  }
}
