package router.runtime;

/**
 * Where access and execution log lines go, off the data plane: {@link AsyncAccessLog} on a node; {@link #NONE}
 * drops them.
 */
public interface AccessLog {
  /** Drops every line. */
  AccessLog NONE = (loggerName, line) -> { };

  /** Hands one line to logger {@code loggerName} at INFO; never blocks (a full queue drops the line). */
  void offer(String loggerName, String line);

  /** As {@link #offer(String, String)}, at ERROR when {@code error} (an execution log's failures). */
  default void offer(String loggerName, String line, boolean error) {
    offer(loggerName, line);
  }
}
