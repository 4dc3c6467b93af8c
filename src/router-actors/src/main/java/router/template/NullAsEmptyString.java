package router.template;

import org.apache.velocity.app.event.ReferenceInsertionEventHandler;
import org.apache.velocity.context.Context;

/**
 * Renders a reference that resolves to nothing as the empty string, as API Gateway does, instead
 * of Velocity's default of echoing the reference's source text.
 */
final class NullAsEmptyString implements ReferenceInsertionEventHandler {

  @Override
  public Object referenceInsert(Context context, String reference, Object value) {
    return value == null ? "" : value;
  }
}
