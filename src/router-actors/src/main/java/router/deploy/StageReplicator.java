package router.deploy;

import java.util.Map;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ddata.Key;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.LWWMapKey;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;
import org.apache.pekko.cluster.ddata.typed.javadsl.ReplicatorMessageAdapter;
import router.CborSerializable;

/**
 * Replicates deployed stages to every node through Distributed Data (one {@code LWWMap} keyed {@code apiId/stage})
 * and feeds what arrives into this node's {@link LiveStages}. One per node.
 */
public final class StageReplicator {

  /** The replicated map of every deployed stage in the cluster. */
  public static final Key<LWWMap<String, StageEntry>> KEY = LWWMapKey.create("router-stages");

  private static final java.time.Duration WRITE_TIMEOUT = java.time.Duration.ofSeconds(3);

  /** What the replicator understands. */
  public sealed interface Command {}

  /** The stages of one API as of {@code revision}; keys of that API missing here become tombstones. */
  public record Publish(String apiId, long revision, Map<String, StageEntry> entries)
      implements Command, CborSerializable {}

  private record Updated(Replicator.UpdateResponse<LWWMap<String, StageEntry>> response) implements Command {}

  private record Changed(Replicator.SubscribeResponse<LWWMap<String, StageEntry>> response) implements Command {}

  private final ReplicatorMessageAdapter<Command, LWWMap<String, StageEntry>> replicator;
  private final SelfUniqueAddress node;
  private final LiveStages live;

  public static Behavior<Command> create(LiveStages live) {
    return Behaviors.setup(context -> DistributedData.withReplicatorMessageAdapter(
        (ReplicatorMessageAdapter<Command, LWWMap<String, StageEntry>> replicator) -> {
          replicator.subscribe(KEY, Changed::new);
          return new StageReplicator(replicator, DistributedData.get(context.getSystem()).selfUniqueAddress(), live)
              .behavior();
        }));
  }

  private StageReplicator(
      ReplicatorMessageAdapter<Command, LWWMap<String, StageEntry>> replicator,
      SelfUniqueAddress node,
      LiveStages live) {
    this.replicator = replicator;
    this.node = node;
    this.live = live;
  }

  private Behavior<Command> behavior() {
    return Behaviors.receive(Command.class)
        .onMessage(Publish.class, this::onPublish)
        .onMessage(Updated.class, message -> Behaviors.same())
        .onMessage(Changed.class, this::onChanged)
        .build();
  }

  private Behavior<Command> onPublish(Publish publish) {
    replicator.askUpdate(
        // Written to every reachable node at once rather than at the next gossip round, so that a deployment serves
        // on every node well within a second; the reply (or a timeout, when a node is unreachable) is ignored:
        // the local write has been made, and gossip completes the rest.
        replyTo -> new Replicator.Update<>(KEY, LWWMap.empty(), new Replicator.WriteAll(WRITE_TIMEOUT), replyTo,
            map -> merge(map, publish)),
        Updated::new);
    return Behaviors.same();
  }

  private LWWMap<String, StageEntry> merge(LWWMap<String, StageEntry> map, Publish publish) {
    LWWMap<String, StageEntry> result = map;
    String prefix = publish.apiId() + "/";
    for (Map.Entry<String, StageEntry> existing : map.getEntries().entrySet()) {
      if (existing.getKey().startsWith(prefix) && !publish.entries().containsKey(existing.getKey())
          && !existing.getValue().isRetired()) {
        result = result.put(node, existing.getKey(), new StageEntry(publish.revision(), null));
      }
    }
    for (Map.Entry<String, StageEntry> entry : publish.entries().entrySet()) {
      StageEntry current = map.getEntries().get(entry.getKey());
      if (current == null || current.revision() < entry.getValue().revision()) {
        result = result.put(node, entry.getKey(), entry.getValue());
      }
    }
    return result;
  }

  private Behavior<Command> onChanged(Changed changed) {
    if (changed.response() instanceof Replicator.Changed<LWWMap<String, StageEntry>> c) {
      c.get(KEY).getEntries().forEach(live::apply);
    }
    return Behaviors.same();
  }
}
