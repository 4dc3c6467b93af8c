package router.template;

import java.time.Duration;
import java.util.Objects;

/**
 * The resource limits every mapping template is held to; the defaults mirror API Gateway's quotas
 * where it has one.
 *
 * @param maxTemplateBytes largest template source accepted by {@link TemplateEngine#compile}, in
 *     UTF-8 bytes (API Gateway's quota: 300 KB)
 * @param maxForeachLoops iterations after which a {@code #foreach} stops silently, as in API
 *     Gateway (quota: 1,000)
 * @param renderTimeout wall-clock time one render may take before it fails
 * @param maxOutputLength largest rendered output, in characters
 * @param maxStringLength longest string any method call, interpolated string literal,
 *     {@code +} concatenation or collection-to-string conversion may produce, in characters
 * @param maxRenderAllocation work one render may do, in units: one per character of every string
 *     produced, one per collection element created or copied, one per method call
 * @param maxMacroDepth deepest nesting of {@code #macro} calls
 */
public record TemplateLimits(
    int maxTemplateBytes,
    int maxForeachLoops,
    Duration renderTimeout,
    int maxOutputLength,
    int maxStringLength,
    long maxRenderAllocation,
    int maxMacroDepth) {

  private static final int KIB = 1024;
  private static final int MIB = KIB * KIB;

  /** API Gateway's quota on the size of a mapping template. */
  public static final int DEFAULT_MAX_TEMPLATE_BYTES = 300 * KIB;
  /** API Gateway's quota on {@code #foreach} iterations. */
  public static final int DEFAULT_MAX_FOREACH_LOOPS = 1_000;
  public static final Duration DEFAULT_RENDER_TIMEOUT = Duration.ofSeconds(1);
  public static final int DEFAULT_MAX_OUTPUT_LENGTH = MIB;
  public static final int DEFAULT_MAX_STRING_LENGTH = MIB;
  /** Eight full-size strings' worth of work: ample for a mapping template, small for the heap. */
  public static final long DEFAULT_MAX_RENDER_ALLOCATION = 8L * MIB;
  /** Velocity's own default. */
  public static final int DEFAULT_MAX_MACRO_DEPTH = 20;

  public TemplateLimits {
    Objects.requireNonNull(renderTimeout, "renderTimeout");
    requirePositive(maxTemplateBytes, "maxTemplateBytes");
    requirePositive(maxForeachLoops, "maxForeachLoops");
    requirePositive(maxOutputLength, "maxOutputLength");
    requirePositive(maxStringLength, "maxStringLength");
    requirePositive(maxRenderAllocation, "maxRenderAllocation");
    requirePositive(maxMacroDepth, "maxMacroDepth");
    if (renderTimeout.isNegative() || renderTimeout.isZero()) {
      throw new IllegalArgumentException("renderTimeout must be positive: " + renderTimeout);
    }
  }

  /** The documented defaults. */
  public static TemplateLimits defaults() {
    return new TemplateLimits(
        DEFAULT_MAX_TEMPLATE_BYTES,
        DEFAULT_MAX_FOREACH_LOOPS,
        DEFAULT_RENDER_TIMEOUT,
        DEFAULT_MAX_OUTPUT_LENGTH,
        DEFAULT_MAX_STRING_LENGTH,
        DEFAULT_MAX_RENDER_ALLOCATION,
        DEFAULT_MAX_MACRO_DEPTH);
  }

  public TemplateLimits withRenderTimeout(Duration timeout) {
    return new TemplateLimits(maxTemplateBytes, maxForeachLoops, timeout, maxOutputLength,
        maxStringLength, maxRenderAllocation, maxMacroDepth);
  }

  private static void requirePositive(long value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }
}
