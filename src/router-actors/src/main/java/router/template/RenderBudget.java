package router.template;

/**
 * The time and allocation budget of the render running on this thread.
 *
 * <p>Velocity calls back into the sandbox from places that do not see the render's context (the
 * uberspector, the JSON provider, {@code equals} of template-built collections), so the budget is
 * bound to the rendering thread for the duration of {@link CompiledTemplate#render}. A render
 * never leaves its thread.
 */
final class RenderBudget {

  private static final ThreadLocal<RenderBudget> CURRENT = new ThreadLocal<>();
  /** Hot loops (regex matching, string search, JSONPath scans) read the clock once per this much work. */
  private static final long WORK_PER_CLOCK_READ = 1 << 12;
  private static final long NANOS_PER_MILLI = 1_000_000L;

  private final TemplateLimits limits;
  private final long deadline;
  private final boolean timed;
  private long allocated;
  private long work;
  /** Where in the template the render last was (a directive, operator or literal it guards); 0: not known. */
  private int line;
  private int column;

  private RenderBudget(TemplateLimits limits, long deadline, boolean timed) {
    this.limits = limits;
    this.deadline = deadline;
    this.timed = timed;
  }

  static RenderBudget begin(TemplateLimits limits) {
    RenderBudget budget =
        new RenderBudget(limits, System.nanoTime() + limits.renderTimeout().toNanos(), true);
    CURRENT.set(budget);
    return budget;
  }

  static void end() {
    CURRENT.remove();
  }

  /** The budget of the current render; outside one (our own code, tests) an untimed default. */
  static RenderBudget current() {
    RenderBudget budget = CURRENT.get();
    return budget != null ? budget : new RenderBudget(TemplateLimits.defaults(), 0, false);
  }

  void at(int line, int column) {
    this.line = line;
    this.column = column;
  }

  int line() {
    return line;
  }

  int column() {
    return column;
  }

  TemplateLimits limits() {
    return limits;
  }

  void checkDeadline() {
    if (timed && System.nanoTime() - deadline > 0) {
      throw new TemplateRenderException("Mapping template exceeded the render timeout of "
          + limits.renderTimeout().toNanos() / NANOS_PER_MILLI + " ms");
    }
  }

  /** A cheap deadline check for inner loops. */
  void tick() {
    tick(1);
  }

  /** A deadline check for a step that costs about this many character comparisons. */
  void tick(long steps) {
    work += steps;
    if (work >= WORK_PER_CLOCK_READ) {
      work = 0;
      checkDeadline();
    }
  }

  void charge(long units) {
    allocated += units;
    if (allocated > limits.maxRenderAllocation()) {
      throw new TemplateRenderException("Mapping template exceeded its allocation budget of "
          + limits.maxRenderAllocation()
          + " units (characters produced, collection elements created, method calls)");
    }
  }

  /** Accounts for a string the template produced; fails if it is longer than allowed. */
  void chargeString(long length) {
    checkStringLength(length);
    charge(length);
  }

  void checkStringLength(long length) {
    if (length > limits.maxStringLength()) {
      throw stringTooLong(length);
    }
  }

  TemplateRenderException stringTooLong(long length) {
    return new TemplateRenderException("Mapping template produced a string of " + length
        + " characters or more; the limit is " + limits.maxStringLength());
  }
}
