package router.runtime;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import router.template.CompiledTemplate;
import router.template.TemplateContext;

/** Renders a mapping template for one event: {@code $input} is the given body, {@code $context} the event's. */
final class Templates {
  private Templates() {}

  /** Renders on the template engine's render threads, in the API's lane (see {@link router.template.RenderPool}). */
  static CompletableFuture<String> render(CompiledTemplate template, MessageContext context, String body) {
    return template.renderAsync(context.stage.apiId(), new TemplateContext(body == null ? "" : body,
        new ContextVariables(context), context.stage.stageVariables(), Map.of(), context.connection.queryString(),
        context.connection.headers()));
  }
}
