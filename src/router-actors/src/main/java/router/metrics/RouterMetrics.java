package router.metrics;

import java.util.function.IntSupplier;

/**
 * What the engine reports about its work: the node's own counters, and the per-stage and per-route counters it
 * binds when a stage is compiled ({@link #stage}, {@link #route}) so the hot path calls pre-bound objects only.
 * Every method defaults to nothing: {@link #NONE} costs an embedding host without a metrics library nothing.
 * router-node implements it over Micrometer.
 */
public interface RouterMetrics {
  /** Reports nothing. */
  RouterMetrics NONE = new RouterMetrics() {};

  /** The counters of one deployed stage; called when the stage is compiled (again on each deployment). */
  default StageMetrics stage(String apiId, String stageName) {
    return StageMetrics.NONE;
  }

  /**
   * The counters of one route of a compiled stage.
   *
   * @param detailed the stage's route settings have DetailedMetricsEnabled for this route key: count it apart too
   * @param backend the {@code BackendKind} name of the route's integration, null when the route has none
   */
  default RouteMetrics route(String apiId, String stageName, String routeKey, boolean detailed, String backend) {
    return RouteMetrics.NONE;
  }

  /** An integration's bulkhead exists: report its running and waiting calls (called once per compile). */
  default void bulkhead(String apiId, String integrationId, IntSupplier running, IntSupplier waiting) {}

  /** A deployed stage was compiled for this node (installed, or refused when the compile threw) in {@code nanos}. */
  default void stageCompiled(long nanos) {}

  /**
   * A deployment was installed on this node {@code lagMillis} after the node that owns its API published it (wall
   * clocks: across nodes the figure includes their clock difference).
   */
  default void stageInstalled(long lagMillis) {}

  /** A WebSocket upgrade was accepted ($connect, when there is one, allowed it). */
  default void connectionAccepted() {}

  /** A connection ended with this close code (1006 when it ended without a close frame). */
  default void connectionClosed(int closeCode) {}

  /** The gateway sent an error frame with this message ({@code router.protocol.GatewayMessages}). */
  default void errorFrame(String message) {}

  /** An access log line was dropped: the access log's queue was full. */
  default void accessLogLineDropped() {}

  /** An {@code @connections} request (POST, GET, DELETE) was answered with this status. */
  default void connectionsRequest(String method, int status) {}
}
