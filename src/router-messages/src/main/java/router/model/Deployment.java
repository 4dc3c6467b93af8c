package router.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import router.CborSerializable;

/** A deployment: an immutable snapshot of an API's configuration that stages can point at. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Deployment(
    String deploymentId,
    String description,
    Instant createdDate,
    String deploymentStatus,
    String deploymentStatusMessage,
    Boolean autoDeployed)
    implements CborSerializable {

  /** The status of a deployment that was created successfully. */
  public static final String DEPLOYED = "DEPLOYED";

  public Deployment withDescription(String newDescription) {
    return new Deployment(deploymentId, Nulls.or(newDescription, description), createdDate, deploymentStatus,
        deploymentStatusMessage, autoDeployed);
  }
}
