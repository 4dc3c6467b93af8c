package router.errors;

/** HTTP 409: The resource already exists. */
public final class ConflictException extends ApiGatewayException {

  public ConflictException(String message) {
    super(message);
  }

  @Override
  public int httpStatus() {
    return 409;
  }
}
