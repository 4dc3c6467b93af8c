package router.deploy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import router.config.ApiState;
import router.config.StagePublisher;

/**
 * Publishes an API's deployed stages: installs them on this node at once (so the answer to a deployment is only
 * sent once the stage is served here) and hands them to the {@link StageReplicator} for every other node.
 */
public final class StageDistribution implements StagePublisher {
  private final LiveStages live;
  private final ActorRef<StageReplicator.Command> replicator;

  public StageDistribution(LiveStages live, ActorRef<StageReplicator.Command> replicator) {
    this.live = live;
    this.replicator = replicator;
  }

  @Override
  public void publish(String apiId, ApiState state) {
    Map<String, StageEntry> entries = new LinkedHashMap<>();
    DeployedStage.allOf(apiId, state).forEach((key, deployed) ->
        entries.put(key, new StageEntry(state.revision(), deployed)));
    for (String key : live.keysOf(apiId)) entries.putIfAbsent(key, new StageEntry(state.revision(), null));
    entries.forEach(live::apply);
    replicator.tell(new StageReplicator.Publish(apiId, state.revision(), entries));
  }
}
