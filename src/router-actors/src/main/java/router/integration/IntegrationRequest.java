package router.integration;

import java.util.Map;

/**
 * A request to a backend after request mapping: the (transformed) body and the mapped headers and parameters.
 * {@code deadlineNanos} is the {@link System#nanoTime()} by which the answer must arrive.
 */
public record IntegrationRequest(
    IntegrationType type,
    String method,
    String uri,
    String body,
    Map<String, String> headers,
    Map<String, String> queryString,
    long deadlineNanos) {}
