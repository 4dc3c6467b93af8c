package router.template;

import java.io.Reader;
import java.util.List;
import org.apache.velocity.Template;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.RuntimeInstance;
import org.apache.velocity.runtime.parser.ParseException;
import org.apache.velocity.runtime.parser.node.SimpleNode;
import org.apache.velocity.util.introspection.SecureUberspector;

/**
 * The Velocity runtime behind a {@link TemplateEngine}, configured as a sandbox.
 *
 * <p>Settings, each deliberate:
 * <ul>
 *   <li>No resource loaders and no velocimacro library: templates only ever come from strings,
 *       and {@code #include}, {@code #parse}, {@code #evaluate} and {@code #define} are replaced
 *       by {@link ForbiddenDirective}, which rejects them at compile time.
 *   <li>Introspection through {@code SecureUberspector} wrapped by {@link SandboxUberspector}.
 *   <li>{@code #foreach} is {@link GuardedForeach}; {@code directive.foreach.max_loops} is the
 *       loop cap, past which a loop stops silently as in API Gateway.
 *   <li>{@code velocimacro.max_depth} bounds macro recursion; macros are local to the template
 *       that defines them ({@code velocimacro.inline.local_scope}), so one API's macros can never
 *       shadow another's; macro calls must pass every declared argument.
 *   <li>Strict reference mode off and {@link NullAsEmptyString}: an undefined variable renders as
 *       nothing, as in API Gateway; forbidden or unknown methods still fail the render.
 *   <li>Space gobbling "bc": whitespace around directives as in Velocity 1.7, which API Gateway
 *       runs; likewise 1.7's {@code #if} (only null and false are false: an empty string is
 *       true), hyphens in identifiers ({@code $a-b} is one name) and macro argument defaults.
 *   <li>Velocity logs under {@value #LOG_NAME}.
 *   <li>No string interning and no invalid-reference logging: hostile templates must not grow the
 *       JVM's string table or flood the log.
 * </ul>
 *
 * <p>Every parse result goes through {@link AstGuard}; parses that Velocity starts itself (the
 * body of each interpolated string literal) are also wrapped in a capped root.
 */
final class SandboxRuntime extends RuntimeInstance {

  /** Velocity logs a few lines per failed render (e.g. one per macro frame); tune it here. */
  static final String LOG_NAME = "router.template.velocity";

  private static final List<String> FORBIDDEN_DIRECTIVES =
      List.of("include", "parse", "evaluate", "define");

  SandboxRuntime(TemplateLimits limits) {
    setProperty(RuntimeConstants.RUNTIME_LOG_NAME, LOG_NAME);
    setProperty(RuntimeConstants.RESOURCE_LOADERS, List.of());
    setProperty(RuntimeConstants.VM_LIBRARY, "");
    setProperty(RuntimeConstants.UBERSPECT_CLASSNAME,
        SecureUberspector.class.getName() + "," + SandboxUberspector.class.getName());
    setProperty(RuntimeConstants.CUSTOM_DIRECTIVES, GuardedForeach.class.getName());
    setProperty(RuntimeConstants.MAX_NUMBER_LOOPS, limits.maxForeachLoops());
    setProperty(RuntimeConstants.VM_MAX_DEPTH, limits.maxMacroDepth());
    setProperty(RuntimeConstants.VM_PERM_INLINE_LOCAL, true);
    setProperty(RuntimeConstants.VM_ARGUMENTS_STRICT, true);
    setProperty(RuntimeConstants.RUNTIME_REFERENCES_STRICT, false);
    setProperty(RuntimeConstants.SPACE_GOBBLING, "bc");
    // Velocity 1.7 semantics, which API Gateway runs (Velocity 2.1's upgrading notes list these flags):
    // #if($x) is false only for null and false, '-' may appear in identifiers, macros fall back to the context.
    setProperty(RuntimeConstants.CHECK_EMPTY_OBJECTS, false);
    setProperty(RuntimeConstants.PARSER_HYPHEN_ALLOWED, true);
    setProperty(RuntimeConstants.VM_ENABLE_BC_MODE, true);
    setProperty(RuntimeConstants.RUNTIME_STRING_INTERNING, false);
    setProperty(RuntimeConstants.RUNTIME_LOG_REFERENCE_LOG_INVALID, false);
    init();
    for (String name : FORBIDDEN_DIRECTIVES) {
      removeDirective(name);
      addDirective(new ForbiddenDirective(name));
    }
    getApplicationEventCartridge().addReferenceInsertionEventHandler(new NullAsEmptyString());
  }

  /** Parses a whole template. */
  SimpleNode parseDocument(Reader reader, Template template) throws ParseException {
    SimpleNode root = super.parse(reader, template);
    AstGuard.guard(root, template.getName());
    return root;
  }

  /** Velocity's own parses: the bodies of interpolated string literals. */
  @Override
  public SimpleNode parse(Reader reader, Template template) throws ParseException {
    SimpleNode root = super.parse(reader, template);
    AstGuard.guard(root, template.getName());
    return new GuardedNode(root, GuardedNode.Kind.STRING_LITERAL_ROOT);
  }
}
