package router.loadtest.run;

/** What a run measures. */
public enum Mode {
  /** Messages out, replies back on the same connection: throughput and round-trip latency. */
  ROUNDTRIP,
  /** Round-trip steps at growing open-loop rates: the highest sustained rate. */
  MAX,
  /** HTTP POST to @connections, frame arrives at the client: push rate and latency. */
  PUSH,
  /** Connections opened (and closed again): accepted connections per second, upgrade latency. */
  CONNECT,
  /** Connections opened and held idle: heap and RSS of the target per connection. */
  IDLE,
  /** HTTP POSTs straight at a backend (no router): throughput and latency of the backend alone. */
  HTTP;

  /** Name used on the command line and in reports. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
