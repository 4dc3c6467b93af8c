package router.runtime;

import java.util.Locale;
import router.model.RouteSettings;

/**
 * A route's execution log settings, resolved once when its stage is compiled: API Gateway's {@code loggingLevel}
 * (OFF, ERROR, INFO) and {@code dataTraceEnabled} of the route's {@code routeSettings} over the stage's
 * {@code defaultRouteSettings}, and the logger its lines go to, {@code router.execution.{apiId}.{stage}} (AWS writes
 * them to the log group {@code API-Gateway-Execution-Logs_{apiId}/{stage}}). {@link #OFF} costs a message one field
 * read.
 */
public final class ExecutionLog {
  /** Loggers of execution logs are named {@code router.execution.{apiId}.{stage}}. */
  public static final String LOGGER_PREFIX = "router.execution.";
  /** Writes nothing. */
  public static final ExecutionLog OFF = new ExecutionLog(null, false, false, false);

  private final String loggerName;
  private final boolean errors;
  private final boolean info;
  private final boolean data;

  private ExecutionLog(String loggerName, boolean errors, boolean info, boolean data) {
    this.loggerName = loggerName;
    this.errors = errors;
    this.info = info;
    this.data = data;
  }

  /**
   * The execution log of one route key: {@code route} (may be null) over {@code defaults} (may be null) over API
   * Gateway's defaults (OFF, no data trace).
   */
  public static ExecutionLog of(String apiId, String stageName, RouteSettings defaults, RouteSettings route) {
    RouteSettings settings = RouteSettings.DEFAULT;
    if (defaults != null) settings = settings.merge(defaults);
    if (route != null) settings = settings.merge(route);
    String level = settings.loggingLevel() == null ? "OFF" : settings.loggingLevel().toUpperCase(Locale.ROOT);
    boolean info = level.equals("INFO");
    boolean errors = info || level.equals("ERROR");
    if (!errors) return OFF;
    // Data trace (request and response bodies and headers) goes with the INFO lines it details.
    return new ExecutionLog(LOGGER_PREFIX + apiId + "." + stageName, true, info,
        info && Boolean.TRUE.equals(settings.dataTraceEnabled()));
  }

  /** The SLF4J logger of the lines. */
  public String loggerName() {
    return loggerName;
  }

  /** Writes ERROR lines (loggingLevel ERROR or INFO). */
  public boolean errors() {
    return errors;
  }

  /** Writes INFO lines (loggingLevel INFO). */
  public boolean info() {
    return info;
  }

  /** Writes request and response data (loggingLevel INFO and dataTraceEnabled). */
  public boolean data() {
    return data;
  }
}
