package router.template;

import java.util.Map;
import java.util.Objects;

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
 */
public record TemplateContext(
    String body,
    Map<String, ?> context,
    Map<String, String> stageVariables,
    Map<String, String> pathParameters,
    Map<String, String> queryStringParameters,
    Map<String, String> headers) {

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
