package router.template;

import java.util.Set;
import org.apache.velocity.runtime.parser.node.ASTDirective;
import org.apache.velocity.runtime.parser.node.ASTMethod;
import org.apache.velocity.runtime.parser.node.ASTStringLiteral;
import org.apache.velocity.runtime.parser.node.Node;

/**
 * Decides, once at compile time, whether a template is straight-line: no directive that repeats or calls
 * ({@code #foreach}, macros, {@code #break}...) and only methods whose cost is linear in what they read or produce.
 * Such a template evaluates each node at most once and every character it produces is charged to the render's
 * allocation budget, so it cannot run for long: it renders on the caller's thread. Every other template renders on
 * the {@link RenderPool}, because a loop, a recursion, a regular expression or a quadratic string search can run up
 * to the render timeout.
 */
final class RenderCost {

  /** Methods that run in time linear in their input and output; all others send the template to the pool. */
  private static final Set<String> LINEAR_METHODS = Set.of(
      // $input, $util
      "json", "path", "params", "escapeJavaScript", "parseJson", "urlEncode", "urlDecode", "base64Encode",
      "base64Decode",
      // strings, numbers, collections
      "length", "size", "isEmpty", "isBlank", "charAt", "substring", "startsWith", "endsWith", "toLowerCase",
      "toUpperCase", "trim", "strip", "toString", "equals", "equalsIgnoreCase", "intValue", "longValue",
      "doubleValue", "booleanValue", "get", "getOrDefault", "containsKey", "keySet", "values", "getKey", "getValue",
      "put", "putIfAbsent", "add", "set", "remove");

  private RenderCost() {}

  static boolean isStraightLine(Node node) {
    Node actual = node instanceof GuardedNode guarded ? guarded.delegate() : node;
    if (actual instanceof ASTDirective) return false;
    if (actual instanceof ASTMethod method && !LINEAR_METHODS.contains(method.getMethodName())) return false;
    // An interpolated string literal is parsed apart (its tree is not a child here): it may hide a directive or a
    // method call, so a literal holding either goes to the pool.
    if (actual instanceof ASTStringLiteral literal) {
      String text = literal.literal();
      if (text != null && (text.indexOf('#') >= 0 || text.indexOf('(') >= 0)) return false;
    }
    for (int i = 0; i < actual.jjtGetNumChildren(); i++) {
      if (!isStraightLine(actual.jjtGetChild(i))) return false;
    }
    return true;
  }
}
