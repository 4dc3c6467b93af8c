package router.integration.lambda;

/** An {@code integrationUri} that names no Lambda function; the message says what is wrong with it. */
public final class InvalidLambdaUriException extends IllegalArgumentException {

  public InvalidLambdaUriException(String message) {
    super(message);
  }
}
