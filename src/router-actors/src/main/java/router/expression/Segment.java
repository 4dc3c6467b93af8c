package router.expression;

/** One piece of a compiled selection expression: literal text, or a variable resolved against each message. */
sealed interface Segment {

  /** The value of this piece for one message; never {@code null}. */
  String resolve(ExpressionContext ctx);

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  /** Text copied as is, escapes already removed. */
  record Literal(String text) implements Segment {
    @Override
    public String resolve(ExpressionContext ctx) {
      return text;
    }
  }

  /** A {@code $variable}; {@code source} is its spelling in the expression, for messages. */
  sealed interface Variable extends Segment {
    String source();
  }

  /** {@code $request.body} followed by a JSONPath. */
  record RequestBody(String source, JsonPathQuery path) implements Variable {
    @Override
    public String resolve(ExpressionContext ctx) {
      return path.readAsString(ctx.requestBody());
    }
  }

  /** {@code $request.header.name}. */
  record RequestHeader(String source, String name) implements Variable {
    @Override
    public String resolve(ExpressionContext ctx) {
      return orEmpty(ctx.requestHeader(name));
    }
  }

  /** {@code $request.querystring.name}. */
  record QueryString(String source, String name) implements Variable {
    @Override
    public String resolve(ExpressionContext ctx) {
      return orEmpty(ctx.queryStringParameter(name));
    }
  }

  /** {@code $context.name}. */
  record ContextVariable(String source, String name) implements Variable {
    @Override
    public String resolve(ExpressionContext ctx) {
      return orEmpty(ctx.contextVariable(name));
    }
  }

  /** {@code $stageVariables.name}. */
  record StageVariable(String source, String name) implements Variable {
    @Override
    public String resolve(ExpressionContext ctx) {
      return orEmpty(ctx.stageVariable(name));
    }
  }

  /** {@code $integration.response.statuscode}, or the short form {@code $response.statuscode}. */
  record IntegrationStatusCode(String source) implements Variable {
    @Override
    public String resolve(ExpressionContext ctx) {
      return orEmpty(ctx.integrationStatusCode());
    }
  }

  /** {@code $integration.response.header.name}. */
  record IntegrationResponseHeader(String source, String name) implements Variable {
    @Override
    public String resolve(ExpressionContext ctx) {
      return orEmpty(ctx.integrationResponseHeader(name));
    }
  }

  /** {@code $integration.response.multivalueheader.name}, stringified like an array: {@code [a, b]}. */
  record IntegrationResponseMultiValueHeader(String source, String name) implements Variable {
    @Override
    public String resolve(ExpressionContext ctx) {
      return Stringify.of(ctx.integrationResponseMultiValueHeader(name));
    }
  }

  /** {@code $integration.response.body} followed by a JSONPath. */
  record IntegrationResponseBody(String source, JsonPathQuery path) implements Variable {
    @Override
    public String resolve(ExpressionContext ctx) {
      return path.readAsString(ctx.integrationResponseBody());
    }
  }
}
