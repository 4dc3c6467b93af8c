package router.template;

import java.io.StringWriter;
import java.util.concurrent.CompletableFuture;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.exception.MethodInvocationException;
import org.apache.velocity.runtime.parser.node.Node;

/**
 * A parsed mapping template, ready to render. Immutable and thread-safe: each render gets its own
 * Velocity context, {@code $input}, output buffer and {@link RenderBudget}.
 */
public final class CompiledTemplate {

  private static final int MIN_OUTPUT_BUFFER = 256;
  private static final int MAX_OUTPUT_BUFFER = 16 * 1024;

  private final String name;
  private final Template template;
  private final TemplateLimits limits;
  private final RenderPool pool;
  /** Renders on the caller's thread: see {@link RenderCost}. */
  private final boolean straightLine;
  private final int outputSizeHint;
  /** The output of a template without references or directives; null for every other template. */
  private final String literal;

  CompiledTemplate(String name, Template template, TemplateLimits limits, RenderPool pool, int sourceLength) {
    this(name, template, limits, pool, RenderCost.isStraightLine((Node) template.getData()), null,
        Math.min(2 * sourceLength + MIN_OUTPUT_BUFFER, MAX_OUTPUT_BUFFER));
  }

  private CompiledTemplate(String name, Template template, TemplateLimits limits, RenderPool pool,
      boolean straightLine, String literal, int outputSizeHint) {
    this.name = name;
    this.template = template;
    this.limits = limits;
    this.pool = pool;
    this.straightLine = straightLine;
    this.outputSizeHint = outputSizeHint;
    this.literal = literal;
  }

  /** A template that is plain text: every render returns {@code text} itself. */
  static CompiledTemplate literal(String name, String text) {
    return new CompiledTemplate(name, null, null, null, true, text, 0);
  }

  /** Whether {@link #renderAsync} renders on the caller's thread (plain text, or see {@link RenderCost}). */
  public boolean rendersInline() {
    return straightLine;
  }

  TemplateLimits limits() {
    return limits;
  }

  /**
   * Renders the template so that a slow one never holds the caller's thread: a template that may loop, recurse or
   * search (see {@link RenderCost}) renders on a thread of the engine's {@link RenderPool}, in {@code lane} (the
   * API); a straight-line one, whose work its budget bounds to microseconds, renders here and completes at once.
   * Fails with {@link TemplateRenderException}.
   */
  public CompletableFuture<String> renderAsync(String lane, TemplateContext request) {
    if (literal != null) return CompletableFuture.completedFuture(literal);
    if (!straightLine) return pool.submit(lane, this, request);
    try {
      return CompletableFuture.completedFuture(render(request));
    } catch (TemplateRenderException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  public String name() {
    return name;
  }

  /**
   * Renders the template against one message, on this thread.
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
      // Sized for a typical output (about the template's size) so the buffer rarely grows and copies.
      StringWriter output = new StringWriter(outputSizeHint);
      template.merge(context,
          new BoundedWriter(output, limits.maxOutputLength(), null, "output"));
      return output.toString();
    } catch (RuntimeException e) {
      throw failure(e, budget);
    } catch (StackOverflowError e) {
      throw new TemplateRenderException(
          "Mapping template '" + name + "' nests or recurses too deeply", e);
    } finally {
      RenderBudget.end();
    }
  }

  /**
   * The sandbox's own message when there is one, however deep Velocity wrapped it, with the template line and column
   * where it failed: Velocity's own when it knows them (a method call), else the last node the sandbox checked.
   */
  private TemplateRenderException failure(RuntimeException e, RenderBudget budget) {
    TemplateRenderException cause = null;
    int line = 0;
    int column = 0;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TemplateRenderException found) {
        cause = found;
      }
      if (line == 0 && t instanceof MethodInvocationException invocation && invocation.getLineNumber() > 0) {
        line = invocation.getLineNumber();
        column = invocation.getColumnNumber();
      }
    }
    if (line == 0) {
      line = budget.line();
      column = budget.column();
    }
    String message = cause != null ? cause.getMessage() : e.getMessage();
    String where = line > 0 ? " at line " + line + ", column " + column : "";
    return new TemplateRenderException("Mapping template '" + name + "' failed" + where + ": " + message, e,
        line, column);
  }

  @Override
  public String toString() {
    return "CompiledTemplate[" + name + "]";
  }
}
