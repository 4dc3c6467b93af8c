package router.errors;

/** HTTP 413: The payload is over the size limit. */
public final class PayloadTooLargeException extends ApiGatewayException {

  public PayloadTooLargeException(String message) {
    super(message);
  }

  @Override
  public int httpStatus() {
    return 413;
  }
}
