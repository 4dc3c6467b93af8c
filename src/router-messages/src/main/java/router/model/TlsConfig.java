package router.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import router.CborSerializable;

/** TLS settings of an integration's backend connection. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TlsConfig(String serverNameToVerify) implements CborSerializable {}
