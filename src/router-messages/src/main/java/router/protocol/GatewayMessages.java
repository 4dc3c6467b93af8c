package router.protocol;

/**
 * The messages API Gateway sends WebSocket clients when it, not the backend, answers — defined once for the data
 * plane, the upgrade route and the frame codec.
 */
public final class GatewayMessages {
  /** No route matches the message, or the stage is not deployed. */
  public static final String FORBIDDEN = "Forbidden";
  /** The integration failed, or its answer matched no integration response. */
  public static final String INTERNAL_SERVER_ERROR = "Internal server error";
  /** The integration did not answer within its {@code timeoutInMillis}. */
  public static final String ENDPOINT_REQUEST_TIMED_OUT = "Endpoint request timed out";
  /** No request template matched and the passthrough behaviour refused the body. */
  public static final String UNSUPPORTED_MEDIA_TYPE = "Unsupported Media Type";

  private GatewayMessages() {}

  /**
   * API Gateway's error frame, byte for byte (note the spacing):
   * {@code {"message": "Forbidden", "connectionId":"...", "requestId":"..."}}.
   */
  public static String errorFrame(String message, String connectionId, String requestId) {
    return "{\"message\": \"" + message + "\", \"connectionId\":\"" + connectionId + "\", \"requestId\":\""
        + requestId + "\"}";
  }

  /** The body of an HTTP answer of the execute-api endpoint (a refused upgrade): {@code {"message":"..."}}. */
  public static String httpBody(String message) {
    return "{\"message\":\"" + message + "\"}";
  }
}
