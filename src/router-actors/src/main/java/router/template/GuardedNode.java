package router.template;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import org.apache.velocity.Template;
import org.apache.velocity.context.InternalContextAdapter;
import org.apache.velocity.exception.TemplateInitException;
import org.apache.velocity.runtime.RuntimeServices;
import org.apache.velocity.runtime.parser.Parser;
import org.apache.velocity.runtime.parser.Token;
import org.apache.velocity.runtime.parser.node.Node;
import org.apache.velocity.runtime.parser.node.SimpleNode;
import org.apache.velocity.runtime.parser.node.StandardParserVisitor;

/**
 * Stands in for a Velocity syntax-tree node whose evaluation Velocity leaves unbounded, and
 * checks it. Velocity builds nodes with {@code new}, so there is no factory to hook: the parse tree
 * is rewritten instead (see {@link AstGuard}), and this wrapper delegates everything to the
 * original node except the check its {@link Kind} adds.
 */
final class GuardedNode extends SimpleNode {

  /** Why a node is guarded. */
  enum Kind {
    /** {@code + - * / %}: string concatenation is capped, arithmetic may not widen without end. */
    OPERATOR,
    /** {@code [..]} and {@code {..}} literals: become {@link SafeList}/{@link SafeMap}, charged. */
    COLLECTION_LITERAL,
    /** {@code [a..b]}: becomes a lazy {@link SafeRange}. */
    RANGE,
    /** Every directive and macro call checks the deadline, bounding macro fan-out. */
    DIRECTIVE,
    /** Root of an interpolated string literal: renders into a capped, charged writer. */
    STRING_LITERAL_ROOT
  }

  /**
   * Velocity silently widens overflowing {@code long} arithmetic to {@code BigInteger}; squaring in
   * a loop would double the size on every iteration. 1024 bits (309 digits) is far beyond any
   * mapping template's arithmetic.
   */
  private static final int MAX_NUMBER_BITS = 1024;

  private final SimpleNode delegate;
  private final Kind kind;

  GuardedNode(SimpleNode delegate, Kind kind) {
    super(delegate.getType());
    this.delegate = delegate;
    this.kind = kind;
  }

  SimpleNode delegate() {
    return delegate;
  }

  @Override
  public Object value(InternalContextAdapter context) {
    RenderBudget.current().at(delegate.getLine(), delegate.getColumn());
    return switch (kind) {
      case OPERATOR -> checkOperatorResult(delegate.value(context));
      case COLLECTION_LITERAL -> SafeValues.adopt(delegate.value(context), RenderBudget.current());
      case RANGE -> safeRange(delegate.value(context));
      default -> delegate.value(context);
    };
  }

  @Override
  public boolean render(InternalContextAdapter context, Writer writer) throws IOException {
    RenderBudget.current().at(delegate.getLine(), delegate.getColumn());
    return switch (kind) {
      case DIRECTIVE -> {
        RenderBudget.current().checkDeadline();
        yield delegate.render(context, writer);
      }
      case STRING_LITERAL_ROOT -> {
        RenderBudget budget = RenderBudget.current();
        yield delegate.render(context, new BoundedWriter(
            writer, budget.limits().maxStringLength(), budget, "interpolated string"));
      }
      default -> delegate.render(context, writer);
    };
  }

  private static Object checkOperatorResult(Object result) {
    RenderBudget budget = RenderBudget.current();
    if (result instanceof String text) {
      budget.chargeString(text.length());
    } else if (result instanceof java.math.BigInteger integer) {
      checkBits(integer.bitLength());
    } else if (result instanceof java.math.BigDecimal decimal) {
      checkBits(decimal.unscaledValue().bitLength());
      checkBits(Math.abs((long) decimal.scale()));
    }
    return result;
  }

  private static void checkBits(long bits) {
    if (bits > MAX_NUMBER_BITS) {
      throw new TemplateRenderException(
          "Arithmetic result exceeds " + MAX_NUMBER_BITS + " bits");
    }
  }

  private static Object safeRange(Object range) {
    return range instanceof java.util.List<?> list ? new SafeRange(list) : range;
  }

  // Everything below delegates to the wrapped node.

  @Override
  public Object init(InternalContextAdapter context, Object data) throws TemplateInitException {
    return delegate.init(context, data);
  }

  @Override
  public boolean evaluate(InternalContextAdapter context) {
    return delegate.evaluate(context);
  }

  @Override
  public Object execute(Object o, InternalContextAdapter context) {
    return delegate.execute(o, context);
  }

  @Override
  public void jjtOpen() {
    delegate.jjtOpen();
  }

  @Override
  public void jjtClose() {
    delegate.jjtClose();
  }

  @Override
  public void setFirstToken(Token token) {
    delegate.setFirstToken(token);
  }

  @Override
  public Token getFirstToken() {
    return delegate.getFirstToken();
  }

  @Override
  public Token getLastToken() {
    return delegate.getLastToken();
  }

  @Override
  public void jjtSetParent(Node node) {
    delegate.jjtSetParent(node);
  }

  @Override
  public Node jjtGetParent() {
    return delegate.jjtGetParent();
  }

  @Override
  public void jjtAddChild(Node node, int index) {
    delegate.jjtAddChild(node, index);
  }

  @Override
  public Node jjtGetChild(int index) {
    return delegate.jjtGetChild(index);
  }

  @Override
  public int jjtGetNumChildren() {
    return delegate.jjtGetNumChildren();
  }

  @Override
  public Object jjtAccept(StandardParserVisitor visitor, Object data) {
    return delegate.jjtAccept(visitor, data);
  }

  @Override
  public Object childrenAccept(StandardParserVisitor visitor, Object data) {
    return delegate.childrenAccept(visitor, data);
  }

  @Override
  public String toString(String prefix) {
    return delegate.toString(prefix);
  }

  @Override
  public void dump(String prefix, PrintWriter out) {
    delegate.dump(prefix, out);
  }

  @Override
  public String literal() {
    return delegate.literal();
  }

  @Override
  public int getType() {
    return delegate.getType();
  }

  @Override
  public void setInfo(int info) {
    delegate.setInfo(info);
  }

  @Override
  public int getInfo() {
    return delegate.getInfo();
  }

  @Override
  public void setInvalid() {
    delegate.setInvalid();
  }

  @Override
  public boolean isInvalid() {
    return delegate.isInvalid();
  }

  @Override
  public int getLine() {
    return delegate.getLine();
  }

  @Override
  public int getColumn() {
    return delegate.getColumn();
  }

  @Override
  public String toString() {
    return delegate.toString();
  }

  @Override
  public String getTemplateName() {
    return delegate.getTemplateName();
  }

  @Override
  public void saveTokenImages() {
    delegate.saveTokenImages();
  }

  @Override
  public void cleanupParserAndTokens() {
    delegate.cleanupParserAndTokens();
  }

  @Override
  public String getFirstTokenImage() {
    return delegate.getFirstTokenImage();
  }

  @Override
  public String getLastTokenImage() {
    return delegate.getLastTokenImage();
  }

  @Override
  public Template getTemplate() {
    return delegate.getTemplate();
  }

  @Override
  public Parser getParser() {
    return delegate.getParser();
  }

  @Override
  public RuntimeServices getRuntimeServices() {
    return delegate.getRuntimeServices();
  }
}
