package router.template;

import java.lang.reflect.Method;
import org.apache.velocity.util.introspection.Info;
import org.apache.velocity.util.introspection.VelMethod;
import org.apache.velocity.util.introspection.VelPropertyGet;
import org.apache.velocity.util.introspection.VelPropertySet;

/** A method or property the sandbox refuses: using it fails the render with a clear message. */
record DeniedMember(String name, String message, int line, int column)
    implements VelMethod, VelPropertyGet, VelPropertySet {

  static DeniedMember method(Object receiver, String name, boolean exists, Info info) {
    return new DeniedMember(name, (exists ? "Method '" : "Unknown method '") + name + "' on "
        + typeName(receiver) + (exists ? " is not allowed in mapping templates" : ""), line(info), column(info));
  }

  static DeniedMember property(Object receiver, String name, Info info) {
    return new DeniedMember(name, "Property '" + name + "' on " + typeName(receiver)
        + " is not allowed in mapping templates", line(info), column(info));
  }

  static int line(Info info) {
    return info == null ? 0 : info.getLine();
  }

  static int column(Info info) {
    return info == null ? 0 : info.getColumn();
  }

  private TemplateRenderException denied() {
    RenderBudget.current().at(line, column);
    return new TemplateRenderException(message);
  }

  private static String typeName(Object receiver) {
    return receiver.getClass().getName();
  }

  @Override
  public Object invoke(Object receiver, Object[] args) {
    throw denied();
  }

  @Override
  public Object invoke(Object receiver) {
    throw denied();
  }

  @Override
  public Object invoke(Object receiver, Object value) {
    throw denied();
  }

  @Override
  public boolean isCacheable() {
    return false;
  }

  @Override
  public String getMethodName() {
    return name;
  }

  @Override
  public Method getMethod() {
    return null;
  }

  @Override
  public Class<?> getReturnType() {
    return Object.class;
  }
}
