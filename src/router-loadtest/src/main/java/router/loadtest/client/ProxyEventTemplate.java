package router.loadtest.client;

import router.loadtest.json.JsonWriter;

/**
 * An API Gateway WebSocket {@code MESSAGE} proxy event around a message, field for field and about
 * the size of the one a router's AWS_PROXY route sends to the Lambda Invoke API (fixed ids): the
 * body of the http command's direct calls of the Invoke API.
 */
public final class ProxyEventTemplate {

  private static final String CONTEXT = "{\"requestContext\":{\"routeKey\":\"lambda\","
      + "\"messageId\":\"L0SM9cOFvHcCIhw=\",\"eventType\":\"MESSAGE\",\"extendedRequestId\":\"L0SM9GU8vHcFdGw=\","
      + "\"requestTime\":\"02/Dec/2026:22:00:00 +0000\",\"messageDirection\":\"IN\",\"stage\":\"bench\","
      + "\"connectedAt\":1796248800000,\"requestTimeEpoch\":1796248800000,"
      + "\"identity\":{\"sourceIp\":\"127.0.0.1\",\"userAgent\":\"router-loadtest\"},"
      + "\"requestId\":\"L0SM9GU8vHcFdGw=\",\"domainName\":\"127.0.0.1\",\"connectionId\":\"L0SM9cOFvHcCIhw=\","
      + "\"apiId\":\"a1b2c3d4e5\"},\"body\":";
  private static final String END = ",\"isBase64Encoded\":false}";

  private ProxyEventTemplate() {}

  /** The event whose {@code body} is {@code message}. */
  public static String wrap(String message) {
    StringBuilder out = new StringBuilder(CONTEXT.length() + message.length() + message.length() / 4 + END.length());
    out.append(CONTEXT);
    JsonWriter.appendString(out, message);
    return out.append(END).toString();
  }
}
