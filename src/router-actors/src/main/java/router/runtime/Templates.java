package router.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.CompletableFuture;
import router.template.CompiledTemplate;
import router.template.TemplateContext;

/** Renders a mapping template for one event: {@code $input} is the given body, {@code $context} the event's. */
final class Templates {
  private Templates() {}

  /**
   * Renders a request template over the message; the body's JSON tree, parsed once for route and template selection,
   * is shared with {@code $input}. Slow templates render on the API's lane of the render pool
   * ({@link CompiledTemplate#renderAsync}).
   */
  static CompletableFuture<String> renderRequest(CompiledTemplate template, MessageContext context) {
    return render(template, context, context.body.text(), context::requestBody);
  }

  /** Renders a response template over the integration's answer text, sharing its JSON tree likewise. */
  static CompletableFuture<String> renderResponse(CompiledTemplate template, MessageContext context) {
    return render(template, context, context.result.body(), context::integrationResponseBody);
  }

  /** Renders a response template over the base64 of the integration's answer ({@code CONVERT_TO_TEXT}). */
  static CompletableFuture<String> renderResponse(CompiledTemplate template, MessageContext context, String base64) {
    return render(template, context, base64, null);
  }

  private static CompletableFuture<String> render(
      CompiledTemplate template, MessageContext context, String body, Supplier<JsonNode> parsed) {
    long started = System.nanoTime();
    CompletableFuture<String> rendered = template.renderAsync(context.stage.apiId(), new TemplateContext(
        body == null ? "" : body, new ContextVariables(context), context.stage.stageVariables(), Map.of(),
        context.connection.queryString(), context.connection.headers(), body == null ? null : parsed));
    // Failed renders count too; a render that waited for the render pool counts its wait.
    if (rendered.isDone()) {
      context.stage.metrics().templateRendered(System.nanoTime() - started);
    } else {
      rendered.whenComplete((text, error) -> context.stage.metrics().templateRendered(System.nanoTime() - started));
    }
    return rendered;
  }
}
