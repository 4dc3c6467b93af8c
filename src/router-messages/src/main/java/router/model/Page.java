package router.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One page of a collection, as the apigatewayv2 Get* operations return it: {@code items} and {@code nextToken}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Page<T>(List<T> items, String nextToken) {}
