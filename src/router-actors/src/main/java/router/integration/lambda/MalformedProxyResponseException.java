package router.integration.lambda;

/** A Lambda proxy function's answer API Gateway would call a "Malformed Lambda proxy response"; says why. */
public final class MalformedProxyResponseException extends RuntimeException {

  public MalformedProxyResponseException(String reason) {
    super(reason, null, false, false);
  }
}
