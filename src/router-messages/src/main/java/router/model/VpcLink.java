package router.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import router.CborSerializable;

/**
 * A VPC link, API Gateway's (REST-style) resource through which WebSocket integrations reach private backends:
 * {@code targetArns} name load balancers, which a node maps to private {@code host:port} targets in its config.
 * Field names are those of the {@code apigateway} REST API ({@code aws apigateway create-vpc-link}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VpcLink(
    String id,
    String name,
    String description,
    List<String> targetArns,
    String status,
    String statusMessage,
    Map<String, String> tags)
    implements CborSerializable {

  /** Every target ARN maps to targets: integrations may use the link. */
  public static final String AVAILABLE = "AVAILABLE";
  /** Some target ARN maps to nothing: calls through the link fail. */
  public static final String FAILED = "FAILED";

  public VpcLink withId(String newId) {
    return new VpcLink(newId, name, description, targetArns, status, statusMessage, tags);
  }

  public VpcLink withStatus(String newStatus, String newStatusMessage) {
    return new VpcLink(id, name, description, targetArns, newStatus, newStatusMessage, tags);
  }

  public VpcLink withName(String newName) {
    return new VpcLink(id, newName, description, targetArns, status, statusMessage, tags);
  }

  public VpcLink withDescription(String newDescription) {
    return new VpcLink(id, name, newDescription, targetArns, status, statusMessage, tags);
  }
}
