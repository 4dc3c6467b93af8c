package router.runtime;

import java.util.Map;
import router.template.CompiledTemplate;
import router.template.TemplateContext;

/** Renders a mapping template for one event: {@code $input} is the given body, {@code $context} the event's. */
final class Templates {
  private Templates() {}

  static String render(CompiledTemplate template, MessageContext context, String body) {
    long started = System.nanoTime();
    try {
      return template.render(new TemplateContext(body == null ? "" : body, new ContextVariables(context),
          context.stage.stageVariables(), Map.of(), context.connection.queryString(), context.connection.headers()));
    } finally {
      context.stage.metrics().templateRendered(System.nanoTime() - started); // failed renders count too
    }
  }
}
