package router.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import router.CborSerializable;

/** Where and in which format a stage writes its access log. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccessLogSettings(String destinationArn, String format) implements CborSerializable {}
