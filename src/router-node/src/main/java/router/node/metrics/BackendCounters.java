package router.node.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** {@code router_integration_calls_total{backend, outcome}} of one backend kind, one counter per outcome. */
final class BackendCounters {
  /** The integration answered with a status below 400. */
  final Counter success;
  /** The integration answered with a 4XX or 5XX status. */
  final Counter errorStatus;
  /** The deadline (timeoutInMillis) passed first: the client got "Endpoint request timed out". */
  final Counter timeout;
  /** The call failed: no answer, refused by the egress policy or the bulkhead, a backend error. */
  final Counter failed;

  BackendCounters(MeterRegistry registry, String backend) {
    success = counter(registry, backend, "success");
    errorStatus = counter(registry, backend, "error_status");
    timeout = counter(registry, backend, "timeout");
    failed = counter(registry, backend, "failed");
  }

  private static Counter counter(MeterRegistry registry, String backend, String outcome) {
    return Counter.builder("router.integration.calls").tag("backend", backend).tag("outcome", outcome)
        .description("Integration calls of this node by backend kind and outcome").register(registry);
  }
}
