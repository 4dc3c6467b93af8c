package router.config;

import java.util.Map;
import router.CborSerializable;
import router.model.Deployment;
import router.model.Stage;

/**
 * The whole state of one API entity: its current configuration, its stages, and its deployments with the
 * configuration each froze. {@code config} is null before the API is created; {@code deleted} is final.
 */
public record ApiState(
    ApiConfig config,
    Map<String, Stage> stages,
    Map<String, DeployedSnapshot> deployments,
    boolean deleted,
    long revision)
    implements CborSerializable {

  public static final ApiState EMPTY = new ApiState(null, Map.of(), Map.of(), false, 0);

  public boolean exists() {
    return config != null && !deleted;
  }

  /** Applies one event; pure, as the event handler of the entity requires. Each event bumps the revision. */
  public ApiState apply(ApiEvent event) {
    ApiState next = event.applyTo(this);
    return new ApiState(next.config, next.stages, next.deployments, next.deleted, revision + 1);
  }

  /** The deployment a stage points at, or null when the stage is not deployed. */
  public DeployedSnapshot deploymentOf(Stage stage) {
    return stage.deploymentId() == null ? null : deployments.get(stage.deploymentId());
  }

  public Deployment deployment(String deploymentId) {
    DeployedSnapshot snapshot = deployments.get(deploymentId);
    return snapshot == null ? null : snapshot.deployment();
  }

  /** Deleted: stages and deployments go, the last configuration stays (an API id is never reused). */
  ApiState asDeleted() {
    return new ApiState(config, Map.of(), Map.of(), true, revision);
  }

  ApiState withConfig(ApiConfig newConfig) {
    return new ApiState(newConfig, stages, deployments, deleted, revision);
  }

  ApiState withStages(Map<String, Stage> newStages) {
    return new ApiState(config, newStages, deployments, deleted, revision);
  }

  ApiState withDeployments(Map<String, DeployedSnapshot> newDeployments) {
    return new ApiState(config, stages, newDeployments, deleted, revision);
  }
}
