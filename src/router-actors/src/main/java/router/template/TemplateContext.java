package router.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Everything one render sees: the payload behind {@code $input}, the {@code $context} and
 * {@code $stageVariables} maps, and the request parameters behind {@code $input.params()}.
 *
 * <p>Nothing is copied: build it per message from maps you already hold (stage variables per
 * deployment, context per connection or message). Templates cannot modify these maps, and the
 * JSON body is parsed only if the template asks for it. {@code context} values may be strings,
 * numbers, booleans or nested maps (e.g. {@code identity}); leave out absent variables.
 *
 * @param body the raw message payload ({@code $input.body})
 * @param context API Gateway's {@code $context} variables
 * @param stageVariables the stage's variables
 * @param pathParameters {@code $input.params().path}
 * @param queryStringParameters {@code $input.params().querystring}
 * @param headers {@code $input.params().header}
 * @param parsedBody the body as the caller already parsed it (for route selection), so that {@code $input} does not
 *     parse it again: the supplier gives the JSON tree, or null when the body is not JSON. Null: not parsed yet.
 */
public record TemplateContext(
    String body,
    Map<String, ?> context,
    Map<String, String> stageVariables,
    Map<String, String> pathParameters,
    Map<String, String> queryStringParameters,
    Map<String, String> headers,
    Supplier<JsonNode> parsedBody) {

  public TemplateContext(String body, Map<String, ?> context, Map<String, String> stageVariables,
      Map<String, String> pathParameters, Map<String, String> queryStringParameters, Map<String, String> headers) {
    this(body, context, stageVariables, pathParameters, queryStringParameters, headers, null);
  }

  public TemplateContext {
    Objects.requireNonNull(body, "body");
    context = context == null ? Map.of() : context;
    stageVariables = stageVariables == null ? Map.of() : stageVariables;
    pathParameters = pathParameters == null ? Map.of() : pathParameters;
    queryStringParameters = queryStringParameters == null ? Map.of() : queryStringParameters;
    headers = headers == null ? Map.of() : headers;
  }

  /** A WebSocket message: a body, context and stage variables, no request parameters. */
  public static TemplateContext ofMessage(
      String body, Map<String, ?> context, Map<String, String> stageVariables) {
    return new TemplateContext(body, context, stageVariables, Map.of(), Map.of(), Map.of());
  }
}
