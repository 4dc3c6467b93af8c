package router.template;

import java.io.Writer;
import java.util.ArrayList;
import org.apache.velocity.context.InternalContextAdapter;
import org.apache.velocity.runtime.directive.Directive;
import org.apache.velocity.runtime.directive.MacroParseException;
import org.apache.velocity.runtime.parser.ParseException;
import org.apache.velocity.runtime.parser.Token;
import org.apache.velocity.runtime.parser.node.Node;

/**
 * Takes the place of a Velocity directive that mapping templates may not use ({@code #include},
 * {@code #parse}, {@code #evaluate}, {@code #define}); the parser asks it to check its arguments,
 * and it rejects the template there, at compile time.
 */
final class ForbiddenDirective extends Directive {

  private final String name;

  ForbiddenDirective(String name) {
    this.name = name;
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public int getType() {
    return LINE;
  }

  @Override
  public void checkArgs(ArrayList<Integer> argTypes, Token token, String templateName)
      throws ParseException {
    throw new MacroParseException(
        "#" + name + " is not allowed in mapping templates", templateName, token);
  }

  @Override
  public boolean render(InternalContextAdapter context, Writer writer, Node node) {
    throw new TemplateRenderException("#" + name + " is not allowed in mapping templates");
  }
}
