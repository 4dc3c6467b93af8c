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
import router.model.VpcLink;

/**
 * Replicates the VPC links to every node through Distributed Data (one entry holding every link with the registry's
 * revision) and installs what arrives in this node's {@link VpcLinkDirectory}. One per node.
 */
public final class VpcLinkReplicator {
  public static final Key<LWWMap<String, VpcLinkSet>> KEY = LWWMapKey.create("router-vpc-links");
  private static final String ENTRY = "all";

  /** Every link as of one revision of the registry. */
  public record VpcLinkSet(long revision, Map<String, VpcLink> links) implements CborSerializable {}

  /** What the replicator understands. */
  public sealed interface Command {}

  public record Publish(VpcLinkSet links) implements Command, CborSerializable {}

  private record Updated(Replicator.UpdateResponse<LWWMap<String, VpcLinkSet>> response) implements Command {}

  private record Changed(Replicator.SubscribeResponse<LWWMap<String, VpcLinkSet>> response) implements Command {}

  private VpcLinkReplicator() {}

  public static Behavior<Command> create(VpcLinkDirectory directory) {
    return Behaviors.setup(context -> DistributedData.withReplicatorMessageAdapter(
        (ReplicatorMessageAdapter<Command, LWWMap<String, VpcLinkSet>> replicator) -> {
          replicator.subscribe(KEY, Changed::new);
          SelfUniqueAddress node = DistributedData.get(context.getSystem()).selfUniqueAddress();
          return Behaviors.receive(Command.class)
              .onMessage(Publish.class, publish -> {
                replicator.askUpdate(replyTo -> new Replicator.Update<>(KEY, LWWMap.empty(),
                    Replicator.writeLocal(), replyTo, map -> {
                      VpcLinkSet current = map.getEntries().get(ENTRY);
                      return current != null && current.revision() >= publish.links().revision() ? map
                          : map.put(node, ENTRY, publish.links());
                    }), Updated::new);
                return Behaviors.same();
              })
              .onMessage(Updated.class, updated -> Behaviors.same())
              .onMessage(Changed.class, changed -> {
                if (changed.response() instanceof Replicator.Changed<LWWMap<String, VpcLinkSet>> c) {
                  VpcLinkSet set = c.get(KEY).getEntries().get(ENTRY);
                  if (set != null) directory.apply(set.revision(), set.links());
                }
                return Behaviors.same();
              })
              .build();
        }));
  }
}
