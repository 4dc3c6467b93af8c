package router.template;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.velocity.Template;
import org.apache.velocity.exception.ParseErrorException;
import org.apache.velocity.exception.VelocityException;
import org.apache.velocity.runtime.parser.ParseException;

/**
 * Compiles API Gateway mapping templates (Velocity Template Language) into sandboxed
 * {@link CompiledTemplate}s. One per node; thread-safe.
 *
 * <p>What a template can and cannot do, and how each limit is enforced (details in
 * {@link SandboxRuntime}, {@link GuardedNode}, {@link SandboxUberspector}):
 * <ul>
 *   <li>Templates come only from strings; {@code #include}, {@code #parse}, {@code #evaluate},
 *       {@code #define} and block macro calls are rejected at compile time.
 *   <li>Method calls are limited to {@link MethodAllowlist}: no {@code getClass()}, reflection,
 *       class loading, files or network; caller-supplied maps are read-only.
 *   <li>Time: every {@code #foreach} iteration, directive and macro call, method call, string
 *       search step, regular-expression character read, JSONPath step and collection walk checks
 *       the render timeout.
 *   <li>Memory: the output goes through a capped writer. Every string a render produces (method
 *       results, interpolated string literals, {@code +}, collection-to-string, JSON) is capped at
 *       {@link TemplateLimits#maxStringLength()} before or while it is built, never after a larger
 *       one exists; all of them, plus collection elements and method calls, are charged to
 *       {@link TemplateLimits#maxRenderAllocation()}, which bounds what a render can retain.
 *       Collections are {@link SafeList}/{@link SafeMap}/{@link SafeRange}, whose printing,
 *       equality and hashing stay bounded however a template nests them. Arithmetic may not grow
 *       past 1024 bits.
 *   <li>Recursion: {@code velocimacro.max_depth}; anything deeper still (a pathological
 *       expression) ends in a {@link StackOverflowError} that is caught and reported.
 * </ul>
 *
 * <p>Not interruptible by the timeout, each bounded by the size of its inputs: a single JDK call
 * on values the limits already cap (JSON parsing of the body, one {@code BigInteger} operation on
 * an integer literal of up to the template's size, {@code Pattern.compile}); and JSONPath filter
 * predicates, which Jayway evaluates with plain {@code String} comparisons, O(n·m) at worst in a
 * body value and a path literal.
 */
public final class TemplateEngine {

  private final TemplateLimits limits;
  private final SandboxRuntime runtime;
  private final RenderPool pool;

  /**
   * @param pool where {@link CompiledTemplate#renderAsync} renders
   */
  public TemplateEngine(TemplateLimits limits, RenderPool pool) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.pool = Objects.requireNonNull(pool, "pool");
    this.runtime = new SandboxRuntime(limits);
  }

  public TemplateEngine(TemplateLimits limits) {
    this(limits, RenderPool.defaults());
  }

  public TemplateEngine() {
    this(TemplateLimits.defaults());
  }

  public TemplateLimits limits() {
    return limits;
  }

  /**
   * Parses and checks a template once, at deployment.
   *
   * @param name names the template in error messages, e.g. the route and content type
   * @throws InvalidTemplateException if the template is too large, does not parse, or uses a
   *     forbidden directive
   */
  public CompiledTemplate compile(String name, String source) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    int bytes = source.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > limits.maxTemplateBytes()) {
      throw new InvalidTemplateException("the template is " + bytes
          + " bytes; the maximum is " + limits.maxTemplateBytes(), null);
    }
    if (source.indexOf('$') < 0 && source.indexOf('#') < 0) {
      // No reference and no directive: Velocity would copy the text as it is, so skip it on the hot path
      // (e.g. the MOCK request template {"statusCode":200}).
      return CompiledTemplate.literal(name, source);
    }
    Template template = new Template();
    template.setName(name);
    template.setRuntimeServices(runtime);
    try {
      template.setData(runtime.parseDocument(new StringReader(source), template));
      template.initDocument();
    } catch (ParseException e) {
      throw new InvalidTemplateException(new ParseErrorException(e, name).getMessage(), e);
    } catch (VelocityException e) {
      // e.g. a string literal that does not parse: the cause says why
      Throwable cause = e.getCause();
      throw new InvalidTemplateException(
          cause == null ? e.getMessage() : e.getMessage() + ": " + cause.getMessage(), e);
    } catch (StackOverflowError e) {
      throw new InvalidTemplateException("the template nests too deeply", e);
    }
    return new CompiledTemplate(name, template, limits, pool, source.length());
  }
}
