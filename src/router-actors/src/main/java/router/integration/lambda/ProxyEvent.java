package router.integration.lambda;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import router.integration.EventContext;

/**
 * The JSON event a Lambda proxy integration ({@code AWS_PROXY}) receives, field for field and in the order API
 * Gateway sends them, per event type:
 *
 * <ul>
 *   <li>{@code CONNECT}: {@code headers}, {@code multiValueHeaders}, {@code queryStringParameters} and {@code
 *       multiValueQueryStringParameters} (only when the handshake had a query string), {@code requestContext}
 *       (no {@code messageId}), {@code isBase64Encoded} — no {@code body};
 *   <li>{@code MESSAGE}: {@code requestContext} (with {@code messageId}), {@code body}, {@code isBase64Encoded};
 *   <li>{@code DISCONNECT}: the fixed {@code headers} and {@code multiValueHeaders} API Gateway sends ({@code
 *       Host}, {@code x-api-key}, {@code X-Forwarded-For}, {@code x-restapi}), {@code requestContext} with {@code
 *       disconnectStatusCode} after {@code routeKey} and {@code disconnectReason} after {@code messageDirection},
 *       {@code isBase64Encoded} — no {@code body}.
 * </ul>
 *
 * {@code stageVariables} comes before {@code requestContext} when the stage has any; {@code identity} holds {@code
 * sourceIp} and, when the client sent one, {@code userAgent}.
 */
public final class ProxyEvent {
  // A character outside the BMP as its 4 UTF-8 bytes, as the text has it (not as two escaped UTF-16 surrogates).
  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();
  /** API Gateway's {@code requestTime}: Common Log Format, UTC, e.g. {@code 09/Apr/2020:18:03:10 +0000}. */
  static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
  private static final int INITIAL_SIZE = 1024;

  private ProxyEvent() {}

  /** The event for {@code event}, as JSON text. */
  public static String json(EventContext event) {
    return new String(utf8(event), StandardCharsets.UTF_8);
  }

  /** The event for {@code event}, as the UTF-8 bytes of its JSON text (what the Invoke API's payload is). */
  public static byte[] utf8(EventContext event) {
    ByteArrayBuilder out = new ByteArrayBuilder(INITIAL_SIZE);
    try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      write(json, event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void write(JsonGenerator json, EventContext event) throws IOException {
    String type = event.eventType();
    boolean connect = EventContext.CONNECT.equals(type);
    boolean message = EventContext.MESSAGE.equals(type);
    boolean disconnect = EventContext.DISCONNECT.equals(type);
    json.writeStartObject();
    if (connect) {
      headers(json, event.headers());
      if (!event.queryString().isEmpty()) {
        json.writeObjectFieldStart("queryStringParameters");
        for (Map.Entry<String, List<String>> p : event.queryString().entrySet()) {
          json.writeStringField(p.getKey(), last(p.getValue()));
        }
        json.writeEndObject();
        multiValued(json, "multiValueQueryStringParameters", event.queryString());
      }
    } else if (disconnect) {
      // What API Gateway sends on $disconnect: the client's handshake is long gone.
      headers(json, disconnectHeaders(event.domainName()));
    }
    if (event.stageVariables() != null && !event.stageVariables().isEmpty()) {
      json.writeObjectFieldStart("stageVariables");
      for (Map.Entry<String, String> v : event.stageVariables().entrySet()) {
        json.writeStringField(v.getKey(), v.getValue());
      }
      json.writeEndObject();
    }
    requestContext(json, event, message, disconnect);
    if (message) json.writeStringField("body", event.body() == null ? "" : event.body());
    json.writeBooleanField("isBase64Encoded", message && event.base64Encoded());
    json.writeEndObject();
  }

  private static void requestContext(JsonGenerator json, EventContext event, boolean message, boolean disconnect)
      throws IOException {
    json.writeObjectFieldStart("requestContext");
    json.writeStringField("routeKey", event.routeKey());
    if (disconnect) nullableNumber(json, "disconnectStatusCode", event.disconnectStatusCode());
    if (message) json.writeStringField("messageId", event.messageId());
    json.writeStringField("eventType", event.eventType());
    json.writeStringField("extendedRequestId", event.extendedRequestId());
    json.writeStringField("requestTime", REQUEST_TIME.format(Instant.ofEpochMilli(event.requestTimeEpoch())));
    json.writeStringField("messageDirection", "IN");
    if (disconnect) json.writeStringField("disconnectReason", event.disconnectReason());
    json.writeStringField("stage", event.stage());
    json.writeNumberField("connectedAt", event.connectedAt());
    json.writeNumberField("requestTimeEpoch", event.requestTimeEpoch());
    json.writeObjectFieldStart("identity");
    json.writeStringField("sourceIp", event.sourceIp());
    if (event.userAgent() != null) json.writeStringField("userAgent", event.userAgent());
    json.writeEndObject();
    json.writeStringField("requestId", event.requestId());
    json.writeStringField("domainName", event.domainName());
    json.writeStringField("connectionId", event.connectionId());
    json.writeStringField("apiId", event.apiId());
    json.writeEndObject();
  }

  private static void headers(JsonGenerator json, Map<String, List<String>> headers) throws IOException {
    json.writeObjectFieldStart("headers");
    for (Map.Entry<String, List<String>> h : headers.entrySet()) json.writeStringField(h.getKey(), last(h.getValue()));
    json.writeEndObject();
    multiValued(json, "multiValueHeaders", headers);
  }

  private static void multiValued(JsonGenerator json, String field, Map<String, List<String>> values)
      throws IOException {
    json.writeObjectFieldStart(field);
    for (Map.Entry<String, List<String>> entry : values.entrySet()) {
      json.writeArrayFieldStart(entry.getKey());
      for (String value : entry.getValue()) json.writeString(value);
      json.writeEndArray();
    }
    json.writeEndObject();
  }

  private static void nullableNumber(JsonGenerator json, String field, Integer value) throws IOException {
    if (value == null) json.writeNullField(field);
    else json.writeNumberField(field, value);
  }

  // API Gateway: "headers" and "queryStringParameters" hold the last value of a repeated name.
  private static String last(List<String> values) {
    return values.isEmpty() ? "" : values.get(values.size() - 1);
  }

  private static Map<String, List<String>> disconnectHeaders(String domainName) {
    Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
    headers.put("Host", List.of(domainName == null ? "" : domainName));
    headers.put("x-api-key", List.of(""));
    headers.put("X-Forwarded-For", List.of(""));
    headers.put("x-restapi", List.of(""));
    return headers;
  }
}
