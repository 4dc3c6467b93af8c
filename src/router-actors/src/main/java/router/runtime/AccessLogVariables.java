package router.runtime;

/**
 * The {@code $context} variables of API Gateway's WebSocket access logs: every template variable, plus what is
 * known once the event's outcome is (its status, error, integration status and latency).
 */
final class AccessLogVariables {
  private AccessLogVariables() {}

  /** The value of one variable, or null (rendered {@code -}). */
  static Object value(MessageContext c, String name) {
    return switch (name) {
      case "status" -> c.status == 0 ? null : c.status;
      case "error.message" -> c.errorMessage;
      case "error.messageString" -> c.errorMessage == null ? null : "\"" + c.errorMessage + "\"";
      case "integrationStatus", "integration.status" -> c.result == null ? null : c.result.statusCode();
      case "integrationLatency", "integration.latency" ->
          c.integrationNanos < 0 ? null : c.integrationNanos / 1_000_000;
      default -> ContextVariables.value(c, name);
    };
  }
}
