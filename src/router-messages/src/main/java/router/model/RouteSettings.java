package router.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import router.CborSerializable;

/** Logging and throttling settings of a stage, for all routes or for one route key. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RouteSettings(
    Boolean dataTraceEnabled,
    Boolean detailedMetricsEnabled,
    String loggingLevel,
    Integer throttlingBurstLimit,
    Double throttlingRateLimit)
    implements CborSerializable {

  /** API Gateway's default route settings of a new WebSocket stage. */
  public static final RouteSettings DEFAULT = new RouteSettings(false, false, "OFF", null, null);

  /** These settings with every non-null field of {@code patch} applied. */
  public RouteSettings merge(RouteSettings patch) {
    return new RouteSettings(
        Nulls.or(patch.dataTraceEnabled, dataTraceEnabled),
        Nulls.or(patch.detailedMetricsEnabled, detailedMetricsEnabled),
        Nulls.or(patch.loggingLevel, loggingLevel),
        Nulls.or(patch.throttlingBurstLimit, throttlingBurstLimit),
        Nulls.or(patch.throttlingRateLimit, throttlingRateLimit));
  }
}
