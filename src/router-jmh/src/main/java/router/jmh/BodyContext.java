package router.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import router.expression.ExpressionContext;

/** A message's parsed body (and a connection id) as a selection expression sees it. */
record BodyContext(JsonNode requestBody, String connectionId) implements ExpressionContext {

  @Override
  public String contextVariable(String name) {
    return "connectionId".equals(name) ? connectionId : null;
  }
}
