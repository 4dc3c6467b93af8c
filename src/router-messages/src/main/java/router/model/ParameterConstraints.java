package router.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import router.CborSerializable;

/** Whether a route request parameter is required. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ParameterConstraints(Boolean required) implements CborSerializable {}
