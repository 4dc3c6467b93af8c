package router.metrics;

/**
 * The counters of one route of a deployed stage, bound when the stage is compiled: they count for the stage and,
 * when the route has DetailedMetricsEnabled, for the route too; integration calls also count for the node by
 * backend kind and outcome.
 */
public interface RouteMetrics {
  /** Reports nothing. */
  RouteMetrics NONE = new RouteMetrics() {};

  /** A connect request was sent to the $connect route's integration (API Gateway's ConnectCount). */
  default void connect() {}

  /** Refused before the integration ran, e.g. no request template and passthrough NEVER (ClientError). */
  default void clientError() {}

  /** The gateway failed around the integration: a template failed, no integration response matched. */
  default void executionError() {}

  /** The integration answered with {@code status} after {@code nanos} (IntegrationLatency; IntegrationError). */
  default void integrationAnswered(long nanos, int status) {}

  /** The integration call failed or timed out after {@code nanos} (API Gateway's ExecutionError). */
  default void integrationFailed(long nanos, boolean timedOut) {}
}
