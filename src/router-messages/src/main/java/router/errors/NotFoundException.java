package router.errors;

/** HTTP 404: The resource specified in the request was not found. */
public final class NotFoundException extends ApiGatewayException {

  public NotFoundException(String message) {
    super(message);
  }

  @Override
  public int httpStatus() {
    return 404;
  }
}
