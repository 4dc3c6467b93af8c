package router.config;

import static router.config.Vocabulary.AUTO_DEPLOY_DESCRIPTION;
import static router.config.Vocabulary.NO_ROUTES;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import router.model.Deployment;
import router.model.Stage;

/**
 * API Gateway's {@code autoDeploy}: a change to the deployable configuration (the API, routes, integrations and
 * their responses) redeploys every stage that has it on, in the same decision as the change.
 */
final class AutoDeploy {
  private final IdSource ids;
  private final Supplier<Instant> clock;

  AutoDeploy(IdSource ids, Supplier<Instant> clock) {
    this.ids = ids;
    this.clock = clock;
  }

  /** The change, followed by a new deployment of every autoDeploy stage of the changed state. */
  Decision after(ApiState state, ApiEvent change, String id) {
    List<ApiEvent> events = new ArrayList<>();
    events.add(change);
    ApiState changed = state.apply(change);
    for (Stage stage : changed.stages().values()) {
      if (stage.isAutoDeploy()) deployInto(changed, stage, events);
    }
    return new Decision(events, id);
  }

  /** Adds the events that deploy the current configuration to {@code stage}, or record why it could not be. */
  void deployInto(ApiState state, Stage stage, List<ApiEvent> events) {
    Instant now = clock.get();
    if (state.config().routes().isEmpty()) {
      events.add(new ApiEvent.StageUpdated(stage.withDeployment(stage.deploymentId(), now,
          "Deployment attempt failed: " + NO_ROUTES)));
      return;
    }
    String id = Validation.unique(ids::shortId, state.deployments());
    events.add(new ApiEvent.DeploymentCreated(
        new Deployment(id, AUTO_DEPLOY_DESCRIPTION, now, Deployment.DEPLOYED, null, true)));
    events.add(new ApiEvent.StageUpdated(stage.withDeployment(id, now,
        "Successfully deployed stage with deployment ID '" + id + "'")));
  }
}
