package router.errors;

/** HTTP 500: the service failed to process a valid request (a bug, reported to the caller instead of a timeout). */
public final class InternalServerErrorException extends ApiGatewayException {

  public InternalServerErrorException(String message) {
    super(message);
  }

  @Override
  public int httpStatus() {
    return 500;
  }
}
