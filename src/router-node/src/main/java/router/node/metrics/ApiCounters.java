package router.node.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * API Gateway's own WebSocket metrics (namespace AWS/ApiGateway) for one stage ({@code apigateway_*}, labels
 * {@code api_id}, {@code stage}) or, with DetailedMetricsEnabled, one route ({@code apigateway_route_*}, plus
 * {@code route}). Registering the same name and labels again returns the same meters, so counts carry across
 * redeployments.
 */
final class ApiCounters {
  /** ConnectCount: connect requests sent to the $connect route's integration. */
  final Counter connectCount;
  /** MessageCount: messages sent to the API, from or to clients (stage level only: counted before routing). */
  final Counter messageCount;
  /** IntegrationError: requests whose integration answered with a 4XX or 5XX status. */
  final Counter integrationError;
  /** ClientError: requests refused by the gateway (a 4XX) before the integration was invoked. */
  final Counter clientError;
  /** ExecutionError: errors calling the integration (failures, timeouts) or mapping around it. */
  final Counter executionError;
  /** IntegrationLatency: from sending the request to the integration to its answer; not for MOCK integrations. */
  final Timer integrationLatency;

  ApiCounters(MeterRegistry registry, String prefix, Tags tags, Duration[] latencyBuckets) {
    connectCount = counter(registry, prefix + ".connect.count", tags,
        "Connect requests sent to the $connect route integration");
    messageCount = counter(registry, prefix + ".message.count", tags, "Messages sent to the API, from or to clients");
    integrationError = counter(registry, prefix + ".integration.error", tags,
        "Requests whose integration answered with a 4XX or 5XX status");
    clientError = counter(registry, prefix + ".client.error", tags,
        "Requests refused with a 4XX by the gateway before the integration was invoked");
    executionError = counter(registry, prefix + ".execution.error", tags,
        "Errors that occurred calling the integration (failures, timeouts) or mapping its request or response");
    integrationLatency = Timer.builder(prefix + ".integration.latency").tags(tags)
        .description("Time from sending the request to the integration to receiving its answer (not MOCK)")
        .serviceLevelObjectives(latencyBuckets)
        .register(registry);
  }

  private static Counter counter(MeterRegistry registry, String name, Tags tags, String description) {
    return Counter.builder(name).tags(tags).description(description).register(registry);
  }
}
