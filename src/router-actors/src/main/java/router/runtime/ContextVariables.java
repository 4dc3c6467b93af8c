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
      "apiId", "connectedAt", "connectionId", "domainName", "eventType", "extendedRequestId", "identity",
      "messageDirection", "messageId", "requestId", "requestTime", "requestTimeEpoch", "routeKey", "stage"};

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
      case "messageDirection" -> "IN";
      case "messageId" -> "MESSAGE".equals(c.eventType) ? c.messageId() : null;
      case "requestTime" -> REQUEST_TIME.format(Instant.ofEpochMilli(c.requestTimeEpoch));
      case "requestTimeEpoch" -> c.requestTimeEpoch;
      case "routeKey" -> c.routeKey;
      case "stage" -> c.stage.stageName();
      default -> null;
    };
  }

  private static Map<String, Object> identity(MessageContext c) {
    Map<String, Object> identity = new LinkedHashMap<>();
    identity.put("sourceIp", c.connection.sourceIp());
    identity.put("userAgent", c.connection.userAgent());
    return identity;
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
