package router.expression;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What a {@link SelectionExpression} reads while it is evaluated; every method defaults to {@code null} (absent), so
 * a caller implements only what it has, and the expression resolves anything absent to {@code ""}.
 */
public interface ExpressionContext {

  /** The message body as JSON; {@code null} when the message is not JSON. */
  default JsonNode requestBody() {
    return null;
  }

  /** A request header; HTTP header names are case-insensitive, so implementations should look them up that way. */
  default String requestHeader(String name) {
    return null;
  }

  /** A query string parameter of the connect request. */
  default String queryStringParameter(String name) {
    return null;
  }

  /** All values of a request header ({@code route.request.multivalueheader.X} in request parameters). */
  default List<String> requestMultiValueHeader(String name) {
    String value = requestHeader(name);
    return value == null ? null : List.of(value);
  }

  /** All values of a query string parameter ({@code route.request.multivaluequerystring.X}). */
  default List<String> multiValueQueryStringParameter(String name) {
    String value = queryStringParameter(name);
    return value == null ? null : List.of(value);
  }

  /** A {@code $context} variable, named without the prefix (e.g. {@code connectionId}, {@code authorizer.x}). */
  default String contextVariable(String name) {
    return null;
  }

  /** A stage variable. */
  default String stageVariable(String name) {
    return null;
  }

  /** The integration's status code, e.g. {@code 200}. */
  default String integrationStatusCode() {
    return null;
  }

  /** A header of the integration response. */
  default String integrationResponseHeader(String name) {
    return null;
  }

  /** All values of a header of the integration response. */
  default List<String> integrationResponseMultiValueHeader(String name) {
    return null;
  }

  /** The integration response body as JSON; {@code null} when it is not JSON. */
  default JsonNode integrationResponseBody() {
    return null;
  }
}
