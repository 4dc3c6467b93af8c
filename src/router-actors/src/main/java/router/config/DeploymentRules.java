package router.config;

import static router.config.Validation.deployment;
import static router.config.Validation.description;
import static router.config.Validation.existing;
import static router.config.Validation.stage;
import static router.config.Validation.unique;
import static router.config.Vocabulary.NO_ROUTES;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import router.errors.BadRequestException;
import router.model.Deployment;
import router.model.Stage;

/** The rules of CreateDeployment, UpdateDeployment and DeleteDeployment. */
public final class DeploymentRules {
  private final IdSource ids;
  private final Supplier<Instant> clock;

  DeploymentRules(IdSource ids, Supplier<Instant> clock) {
    this.ids = ids;
    this.clock = clock;
  }

  public Decision create(ApiState state, String stageName, String description) {
    ApiConfig config = existing(state);
    description(description);
    Stage stage = stageName == null ? null : stage(state, stageName);
    if (config.routes().isEmpty()) throw new BadRequestException(NO_ROUTES);
    String id = unique(ids::shortId, state.deployments());
    List<ApiEvent> events = new ArrayList<>();
    events.add(new ApiEvent.DeploymentCreated(
        new Deployment(id, description, clock.get(), Deployment.DEPLOYED, null, false)));
    if (stage != null) events.add(new ApiEvent.StageUpdated(stage.withDeployment(id, clock.get(), null)));
    return new Decision(events, id);
  }

  public Decision update(ApiState state, String deploymentId, String description) {
    Deployment current = deployment(state, deploymentId);
    description(description);
    return new Decision(List.of(new ApiEvent.DeploymentUpdated(current.withDescription(description))),
        deploymentId);
  }

  public Decision delete(ApiState state, String deploymentId) {
    deployment(state, deploymentId);
    for (Stage stage : state.stages().values()) {
      if (deploymentId.equals(stage.deploymentId())) {
        throw new BadRequestException("Active stages pointing to this deployment must be moved or deleted (stage "
            + stage.stageName() + ")");
      }
    }
    return new Decision(List.of(new ApiEvent.DeploymentDeleted(deploymentId)), null);
  }
}
