package router.integration.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import router.integration.IntegrationResult;

/**
 * Reads what a Lambda proxy integration's function returned: {@code {statusCode, headers, multiValueHeaders, body,
 * isBase64Encoded}}. As API Gateway, anything else — not a JSON object, no integer {@code statusCode}, a {@code
 * body} that is not a string, headers that are not objects — is a "Malformed Lambda proxy response" (the client
 * gets {@code Internal server error}). Headers and multi-value headers are merged as API Gateway merges them (for a
 * name in both, only the multi-value list counts); a base64 body is decoded to text.
 */
public final class ProxyResponse {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MIN_STATUS = 100;
  private static final int MAX_STATUS = 599;

  private ProxyResponse() {}

  /** The integration result a function's answer stands for. */
  public static IntegrationResult parse(String payload) {
    JsonNode root;
    try {
      root = payload == null || payload.isBlank() ? null : JSON.readTree(payload);
    } catch (JsonProcessingException e) {
      throw new MalformedProxyResponseException("the answer is not JSON");
    }
    return parse(root);
  }

  /** The integration result a function's answer, as the UTF-8 bytes the Invoke API returned, stands for. */
  public static IntegrationResult parse(byte[] payload) {
    JsonNode root;
    try {
      root = payload == null || payload.length == 0 ? null : JSON.readTree(payload);
    } catch (IOException e) {
      throw new MalformedProxyResponseException("the answer is not JSON");
    }
    return parse(root);
  }

  private static IntegrationResult parse(JsonNode root) {
    // Blank input reads as a missing node.
    if (root == null || !root.isObject()) {
      throw new MalformedProxyResponseException("the answer is not a JSON object");
    }
    int status = statusCode(root.get("statusCode"));
    Map<String, List<String>> headers = headers(root);
    JsonNode body = root.get("body");
    String text;
    if (body == null || body.isNull()) {
      text = "";
    } else if (body.isTextual()) {
      text = body.asText();
    } else {
      throw new MalformedProxyResponseException("body is not a string");
    }
    JsonNode base64 = root.get("isBase64Encoded");
    if (base64 != null && !base64.isNull() && !base64.isBoolean()) {
      throw new MalformedProxyResponseException("isBase64Encoded is not a boolean");
    }
    if (base64 != null && base64.asBoolean()) {
      try {
        text = new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new MalformedProxyResponseException("isBase64Encoded is true but body is not base64");
      }
    }
    return new IntegrationResult(status, headers, text);
  }

  private static int statusCode(JsonNode code) {
    if (code == null || code.isNull()) throw new MalformedProxyResponseException("statusCode is missing");
    int status;
    if (code.isInt()) {
      status = code.intValue();
    } else if (code.isTextual() && code.asText().matches("\\d{3}")) {
      status = Integer.parseInt(code.asText());
    } else {
      throw new MalformedProxyResponseException("statusCode is not an integer: " + code);
    }
    if (status < MIN_STATUS || status > MAX_STATUS) {
      throw new MalformedProxyResponseException("statusCode is not an HTTP status: " + status);
    }
    return status;
  }

  private static Map<String, List<String>> headers(JsonNode root) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    JsonNode single = root.get("headers");
    if (single != null && !single.isNull()) {
      if (!single.isObject()) throw new MalformedProxyResponseException("headers is not an object");
      for (Iterator<Map.Entry<String, JsonNode>> it = single.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> h = it.next();
        headers.put(h.getKey().toLowerCase(Locale.ROOT), List.of(scalar(h.getValue(), "headers")));
      }
    }
    JsonNode multi = root.get("multiValueHeaders");
    if (multi != null && !multi.isNull()) {
      if (!multi.isObject()) throw new MalformedProxyResponseException("multiValueHeaders is not an object");
      Map<String, List<String>> lists = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = multi.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> h = it.next();
        if (!h.getValue().isArray()) {
          throw new MalformedProxyResponseException("multiValueHeaders." + h.getKey() + " is not an array");
        }
        List<String> values = lists.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>());
        for (JsonNode v : h.getValue()) values.add(scalar(v, "multiValueHeaders"));
      }
      lists.forEach((name, values) -> headers.put(name, List.copyOf(values)));
    }
    return headers;
  }

  private static String scalar(JsonNode value, String field) {
    if (value.isValueNode() && !value.isNull()) return value.asText();
    throw new MalformedProxyResponseException(field + " holds a value that is not a string, number or boolean");
  }
}
