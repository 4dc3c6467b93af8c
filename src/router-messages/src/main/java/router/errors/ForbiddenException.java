package router.errors;

/** HTTP 403: The caller is not allowed to perform the operation. */
public final class ForbiddenException extends ApiGatewayException {

  public ForbiddenException(String message) {
    super(message);
  }

  @Override
  public int httpStatus() {
    return 403;
  }
}
