package router.errors;

/** HTTP 429: The client is sending more than the allowed number of requests per unit of time. */
public final class TooManyRequestsException extends ApiGatewayException {

  public TooManyRequestsException(String message) {
    super(message);
  }

  @Override
  public int httpStatus() {
    return 429;
  }
}
