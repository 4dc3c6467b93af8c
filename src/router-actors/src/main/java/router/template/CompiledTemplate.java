package router.template;

import java.io.StringWriter;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;

/**
 * A parsed mapping template, ready to render. Immutable and thread-safe: each render gets its own
 * Velocity context, {@code $input}, output buffer and {@link RenderBudget}.
 */
public final class CompiledTemplate {

  private final String name;
  private final Template template;
  private final TemplateLimits limits;
  /** The output of a template without references or directives; null for every other template. */
  private final String literal;

  CompiledTemplate(String name, Template template, TemplateLimits limits) {
    this(name, template, limits, null);
  }

  private CompiledTemplate(String name, Template template, TemplateLimits limits, String literal) {
    this.name = name;
    this.template = template;
    this.limits = limits;
    this.literal = literal;
  }

  /** A template that is plain text: every render returns {@code text} itself. */
  static CompiledTemplate literal(String name, String text) {
    return new CompiledTemplate(name, null, null, text);
  }

  public String name() {
    return name;
  }

  /**
   * Renders the template against one message.
   *
   * @throws TemplateRenderException on any failure: a Velocity error, a forbidden method, an
   *     exceeded limit (time, output, string length, allocation)
   */
  public String render(TemplateContext request) {
    if (literal != null) return literal;
    RenderBudget budget = RenderBudget.begin(limits);
    try {
      VelocityContext context = new VelocityContext();
      context.put("input", new InputVariable(request, budget));
      context.put("context", request.context());
      context.put("stageVariables", request.stageVariables());
      context.put("util", UtilVariable.INSTANCE);
      StringWriter output = new StringWriter();
      template.merge(context,
          new BoundedWriter(output, limits.maxOutputLength(), null, "output"));
      return output.toString();
    } catch (RuntimeException e) {
      throw failure(e);
    } catch (StackOverflowError e) {
      throw new TemplateRenderException(
          "Mapping template '" + name + "' nests or recurses too deeply", e);
    } finally {
      RenderBudget.end();
    }
  }

  /** The sandbox's own message when there is one, however deep Velocity wrapped it. */
  private TemplateRenderException failure(RuntimeException e) {
    TemplateRenderException cause = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TemplateRenderException found) {
        cause = found;
      }
    }
    if (cause == e) {
      return cause;
    }
    String message = cause != null ? cause.getMessage() : e.getMessage();
    return new TemplateRenderException(
        "Mapping template '" + name + "' failed: " + message, e);
  }

  @Override
  public String toString() {
    return "CompiledTemplate[" + name + "]";
  }
}
