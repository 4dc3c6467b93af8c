package router.deploy;

import java.util.LinkedHashMap;
import java.util.Map;
import router.CborSerializable;
import router.config.ApiConfig;
import router.config.ApiState;
import router.config.DeployedSnapshot;
import router.model.Deployment;
import router.model.Stage;

/**
 * What the data plane serves for one (apiId, stage): the stage's settings and the configuration frozen by the
 * deployment it points at. {@code revision} orders publications of the same API (the entity's event count).
 */
public record DeployedStage(String apiId, Stage stage, Deployment deployment, ApiConfig config, long revision)
    implements CborSerializable {

  /** The key of a deployed stage in the replicated map and in {@link LiveStages}: {@code apiId/stageName}. */
  public static String key(String apiId, String stageName) {
    return apiId + "/" + stageName;
  }

  public String key() {
    return key(apiId, stage.stageName());
  }

  /** Every stage of the API that points at a deployment, keyed by {@link #key()}; none when the API is gone. */
  public static Map<String, DeployedStage> allOf(String apiId, ApiState state) {
    Map<String, DeployedStage> deployed = new LinkedHashMap<>();
    if (!state.exists()) return deployed;
    for (Stage stage : state.stages().values()) {
      DeployedSnapshot snapshot = state.deploymentOf(stage);
      if (snapshot != null) {
        DeployedStage entry =
            new DeployedStage(apiId, stage, snapshot.deployment(), snapshot.config(), state.revision());
        deployed.put(entry.key(), entry);
      }
    }
    return deployed;
  }

  /** Whether this and {@code other} serve the same thing (ignoring the revision they were published at). */
  public boolean sameContentAs(DeployedStage other) {
    return other != null && stage.equals(other.stage) && deployment.equals(other.deployment)
        && config.equals(other.config);
  }
}
