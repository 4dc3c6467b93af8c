package router.integration;

import java.util.Map;
import router.model.Integration;
import router.model.IntegrationType;

/**
 * One call to a backend after request mapping.
 *
 * @param integration the integration as deployed (connectionType, connectionId, credentialsArn, ...)
 * @param method the HTTP method ({@code integrationMethod})
 * @param uri the {@code integrationUri} with {@code ${stageVariables.x}} resolved
 * @param body what the backend receives: the rendered request template, or the message itself (passthrough,
 *     proxy types)
 * @param headers request headers mapped by {@code requestParameters} ({@code integration.request.header.X})
 * @param queryString query string parameters mapped by {@code requestParameters}
 * @param event the API Gateway event (proxy types and host actors build their payload from it)
 * @param deadlineNanos the {@link System#nanoTime()} by which the answer must arrive
 */
public record IntegrationRequest(
    IntegrationType type,
    Integration integration,
    String method,
    String uri,
    String body,
    Map<String, String> headers,
    Map<String, String> queryString,
    EventContext event,
    long deadlineNanos) {

  /** Nanoseconds left until the deadline (zero or negative once it passed). */
  public long remainingNanos() {
    return deadlineNanos - System.nanoTime();
  }
}
