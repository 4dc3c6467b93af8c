package router.errors;

/** HTTP 400: One of the parameters in the request is invalid. */
public final class BadRequestException extends ApiGatewayException {

  public BadRequestException(String message) {
    super(message);
  }

  @Override
  public int httpStatus() {
    return 400;
  }
}
