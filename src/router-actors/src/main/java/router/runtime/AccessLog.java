package router.runtime;

/** Where access log lines go: {@link AsyncAccessLog} on a node; {@link #NONE} drops them. */
public interface AccessLog {
  /** Drops every line. */
  AccessLog NONE = (loggerName, line) -> { };

  /** Hands one line to logger {@code loggerName}; never blocks (a full queue drops the line). */
  void offer(String loggerName, String line);
}
