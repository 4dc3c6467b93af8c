package router.template;

import org.apache.velocity.runtime.directive.MacroParseException;
import org.apache.velocity.runtime.parser.ParseException;
import org.apache.velocity.runtime.parser.node.ASTDirective;
import org.apache.velocity.runtime.parser.node.ASTIntegerRange;
import org.apache.velocity.runtime.parser.node.ASTMap;
import org.apache.velocity.runtime.parser.node.ASTMathNode;
import org.apache.velocity.runtime.parser.node.ASTObjectArray;
import org.apache.velocity.runtime.parser.node.Node;
import org.apache.velocity.runtime.parser.node.SimpleNode;

/** Rewrites a freshly parsed tree so that every unbounded node is wrapped in a {@link GuardedNode}. */
final class AstGuard {

  private static final String BLOCK_MACRO_PREFIX = "@";

  private AstGuard() {}

  static void guard(Node node, String templateName) throws ParseException {
    for (int i = 0; i < node.jjtGetNumChildren(); i++) {
      Node child = node.jjtGetChild(i);
      guard(child, templateName);
      GuardedNode.Kind kind = kindOf(child, templateName);
      if (kind != null) {
        node.jjtAddChild(new GuardedNode((SimpleNode) child, kind), i);
      }
    }
  }

  private static GuardedNode.Kind kindOf(Node node, String templateName) throws ParseException {
    if (node instanceof ASTMathNode) {
      return GuardedNode.Kind.OPERATOR;
    }
    if (node instanceof ASTObjectArray || node instanceof ASTMap) {
      return GuardedNode.Kind.COLLECTION_LITERAL;
    }
    if (node instanceof ASTIntegerRange) {
      return GuardedNode.Kind.RANGE;
    }
    if (node instanceof ASTDirective directive) {
      // $bodyContent of a block macro renders its body through an unbounded buffer
      if (directive.getDirectiveName().startsWith(BLOCK_MACRO_PREFIX)) {
        throw new MacroParseException("Block macro calls (#@name) are not supported",
            templateName, directive.getFirstToken());
      }
      return GuardedNode.Kind.DIRECTIVE;
    }
    return null;
  }
}
