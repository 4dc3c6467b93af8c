package router.runtime;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * API Gateway's {@code $context} for WebSocket APIs, computed on demand from a {@link MessageContext}: templates
 * see it as a map (building a full map per message would cost more than most templates read).
 */
final class ContextVariables extends AbstractMap<String, Object> {
  /** API Gateway's $context.requestTime format (Common Log Format). */
  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
  private static final String[] NAMES = {
      "apiId", "authorizer", "connectedAt", "connectionId", "domainName", "error", "eventType", "extendedRequestId",
      "identity", "integration", "messageDirection", "messageId", "requestId", "requestTime", "requestTimeEpoch",
      "routeKey", "stage", "status"};
  /**
   * The identity fields of the WebSocket mapping template reference. Only sourceIp and userAgent are known without
   * IAM or Cognito authorization; the others are empty, as on API Gateway for such a connection.
   */
  private static final String[] IDENTITY = {
      "accountId", "apiKey", "apiKeyId", "caller", "cognitoAuthenticationProvider", "cognitoAuthenticationType",
      "cognitoIdentityId", "cognitoIdentityPoolId", "principalOrgId", "sourceIp", "user", "userAgent", "userArn"};
  private static final long NANOS_PER_MILLI = 1_000_000L;

  private final MessageContext context;

  ContextVariables(MessageContext context) {
    this.context = context;
  }

  /** The value of one variable ({@code identity.sourceIp} style names reach into nested maps), or null. */
  static Object value(MessageContext c, String name) {
    return switch (name) {
      case "apiId" -> c.stage.apiId();
      case "connectedAt" -> c.connection.connectedAt();
      case "connectionId" -> c.connection.connectionId();
      case "domainName" -> c.connection.domainName();
      case "eventType" -> c.eventType;
      case "extendedRequestId", "requestId" -> c.requestId;
      case "identity" -> identity(c);
      case "identity.sourceIp" -> c.connection.sourceIp();
      case "identity.userAgent" -> c.connection.userAgent();
      // No Lambda authorizer runs here, so $context.authorizer.* is empty (API Gateway: values are strings).
      case "authorizer" -> Map.of();
      case "error" -> error(c);
      case "error.message" -> c.errorMessage;
      case "error.messageString" -> c.errorMessage == null ? null : "\"" + c.errorMessage + "\"";
      case "integration" -> integration(c);
      case "integration.status", "integrationStatus" -> c.result == null ? null : c.result.statusCode();
      case "integration.latency", "integrationLatency" ->
          c.integrationNanos < 0 ? null : c.integrationNanos / NANOS_PER_MILLI;
      case "messageDirection" -> "IN";
      case "messageId" -> "MESSAGE".equals(c.eventType) ? c.messageId() : null;
      case "requestTime" -> REQUEST_TIME.format(Instant.ofEpochMilli(c.requestTimeEpoch));
      case "requestTimeEpoch" -> c.requestTimeEpoch;
      case "routeKey" -> c.routeKey;
      case "stage" -> c.stage.stageName();
      // The status of the event: known to response templates (the integration's) and the access log (the answer's).
      case "status" -> c.status != 0 ? Integer.valueOf(c.status) : c.result == null ? null : c.result.statusCode();
      default -> null;
    };
  }

  private static Map<String, Object> identity(MessageContext c) {
    Map<String, Object> identity = new LinkedHashMap<>();
    for (String field : IDENTITY) identity.put(field, "");
    identity.put("sourceIp", c.connection.sourceIp());
    identity.put("userAgent", c.connection.userAgent());
    return identity;
  }

  private static Map<String, Object> error(MessageContext c) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("message", value(c, "error.message"));
    error.put("messageString", value(c, "error.messageString"));
    error.put("validationErrorString", null); // WebSocket APIs here validate no request models
    return error;
  }

  private static Map<String, Object> integration(MessageContext c) {
    Map<String, Object> integration = new LinkedHashMap<>();
    integration.put("status", value(c, "integration.status"));
    integration.put("latency", value(c, "integration.latency"));
    return integration;
  }

  @Override
  public Object get(Object key) {
    return key instanceof String name ? value(context, name) : null;
  }

  @Override
  public boolean containsKey(Object key) {
    return get(key) != null;
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    Map<String, Object> all = new LinkedHashMap<>();
    for (String name : NAMES) {
      Object value = value(context, name);
      if (value != null) all.put(name, value);
    }
    return all.entrySet();
  }
}
