package router.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import router.CborSerializable;

/** A route response: its presence (key {@code $default}) makes a route two-way. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RouteResponse(
    String routeResponseId,
    String routeResponseKey,
    String modelSelectionExpression,
    Map<String, String> responseModels,
    Map<String, ParameterConstraints> responseParameters)
    implements CborSerializable {

  /** This route response with every non-null field of {@code patch} applied. */
  public RouteResponse merge(RouteResponse patch) {
    return new RouteResponse(
        routeResponseId,
        Nulls.or(patch.routeResponseKey, routeResponseKey),
        Nulls.or(patch.modelSelectionExpression, modelSelectionExpression),
        Nulls.or(patch.responseModels, responseModels),
        Nulls.or(patch.responseParameters, responseParameters));
  }

  public RouteResponse withId(String id) {
    return new RouteResponse(id, routeResponseKey, modelSelectionExpression, responseModels, responseParameters);
  }
}
