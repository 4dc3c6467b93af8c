package router.node.control;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import router.errors.BadRequestException;

/**
 * The apigatewayv2 wire format: camelCase JSON, absent fields left out, timestamps as ISO-8601 UTC strings.
 * Unknown request fields are ignored, as the AWS CLI may send fields of newer API versions.
 */
public final class WireJson {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private WireJson() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Reads a request body; an empty body is an empty object. Malformed JSON is a BadRequestException. */
  public static <T> T read(String body, Class<T> type) {
    String json = body == null || body.isBlank() ? "{}" : body;
    try {
      return MAPPER.readValue(json, type);
    } catch (MismatchedInputException e) {
      String field = e.getPath().isEmpty() ? "request body" : e.getPath().get(e.getPath().size() - 1).getFieldName();
      throw new BadRequestException("Invalid value for " + field + ": " + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw new BadRequestException("Could not parse request body into json: " + e.getOriginalMessage());
    }
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot render " + value.getClass().getSimpleName(), e);
    }
  }
}
