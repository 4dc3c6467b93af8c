package router.errors;

/** HTTP 429: The client is sending more than the allowed number of requests per unit of time. */
public final class LimitExceededException extends ApiGatewayException {

  public LimitExceededException(String message) {
    super(message);
  }

  @Override
  public int httpStatus() {
    return 429;
  }
}
