package router.template;

import java.io.IOException;
import java.io.Writer;
import org.apache.velocity.context.InternalContextAdapter;
import org.apache.velocity.runtime.directive.Foreach;
import org.apache.velocity.runtime.parser.node.Node;

/**
 * {@code #foreach} with a deadline check on every iteration: the loop cap alone still lets nested
 * loops run 1000^n times. Velocity instantiates directives reflectively, hence public.
 */
public final class GuardedForeach extends Foreach {

  @Override
  protected void renderBlock(InternalContextAdapter context, Writer writer, Node block)
      throws IOException {
    RenderBudget.current().checkDeadline();
    super.renderBlock(context, writer, block);
  }
}
