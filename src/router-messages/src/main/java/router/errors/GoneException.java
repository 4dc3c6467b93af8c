package router.errors;

/** HTTP 410: The connection with the provided id no longer exists. */
public final class GoneException extends ApiGatewayException {

  public GoneException(String message) {
    super(message);
  }

  @Override
  public int httpStatus() {
    return 410;
  }
}
