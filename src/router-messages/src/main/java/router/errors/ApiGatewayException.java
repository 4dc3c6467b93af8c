package router.errors;

/**
 * An error the control plane answers the way API Gateway does: an HTTP status, an {@code x-amzn-ErrorType} header
 * naming the exception, and a body {@code {"message": "..."}}.
 *
 * <p>Subclasses keep a single {@code (String message)} constructor so Pekko can carry them inside a
 * {@code StatusReply} across the cluster.
 */
public abstract class ApiGatewayException extends RuntimeException {

  protected ApiGatewayException(String message) {
    super(message, null, false, false);
  }

  /** The HTTP status code of the error response. */
  public abstract int httpStatus();

  /** The value of the {@code x-amzn-ErrorType} header, the AWS exception name. */
  public String errorType() {
    return getClass().getSimpleName();
  }
}
