package router.template;

import java.util.Map;
import org.apache.velocity.runtime.directive.ForeachScope;
import org.apache.velocity.util.introspection.AbstractChainableUberspector;
import org.apache.velocity.util.introspection.Info;
import org.apache.velocity.util.introspection.VelMethod;
import org.apache.velocity.util.introspection.VelPropertyGet;
import org.apache.velocity.util.introspection.VelPropertySet;

/**
 * Velocity's introspection, narrowed to {@link MethodAllowlist} and metered by the render's budget.
 * It wraps Velocity's {@code SecureUberspector}, which stays underneath as a second line of
 * defence. Velocity instantiates it by class name, hence public.
 */
public final class SandboxUberspector extends AbstractChainableUberspector {

  @Override
  public VelMethod getMethod(Object receiver, String name, Object[] args, Info info) {
    if (receiver == null) {
      return null;
    }
    if (!MethodAllowlist.allows(receiver, name)) {
      return DeniedMember.method(receiver, name, true, info);
    }
    VelMethod method = inner.getMethod(receiver, name, args, info);
    return method == null ? DeniedMember.method(receiver, name, false, info)
        : new GuardedMethod(method, DeniedMember.line(info), DeniedMember.column(info));
  }

  @Override
  public VelPropertyGet getPropertyGet(Object receiver, String name, Info info) {
    if (receiver == null) {
      return null;
    }
    if (receiver instanceof Map && !(receiver instanceof ForeachScope)) {
      return new MapKeyAccess(name);
    }
    VelPropertyGet getter = inner.getPropertyGet(receiver, name, info);
    if (getter == null) {
      // like API Gateway, an unknown property is simply empty
      return null;
    }
    return MethodAllowlist.allows(receiver, getter.getMethodName())
        ? getter
        : DeniedMember.property(receiver, name, info);
  }

  @Override
  public VelPropertySet getPropertySet(Object receiver, String name, Object value, Info info) {
    if (receiver == null) {
      return null;
    }
    return receiver instanceof SafeMap
        ? new MapKeyAccess(name)
        : DeniedMember.property(receiver, name, info);
  }
}
