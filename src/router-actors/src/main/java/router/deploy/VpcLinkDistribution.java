package router.deploy;

import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import router.config.VpcLinkPublisher;
import router.model.VpcLink;

/**
 * Publishes the VPC links: installs them on this node at once (so a link is usable here when its creation is
 * answered) and hands them to the {@link VpcLinkReplicator} for every other node.
 */
public final class VpcLinkDistribution implements VpcLinkPublisher {
  private final VpcLinkDirectory directory;
  private final ActorRef<VpcLinkReplicator.Command> replicator;

  public VpcLinkDistribution(VpcLinkDirectory directory, ActorRef<VpcLinkReplicator.Command> replicator) {
    this.directory = directory;
    this.replicator = replicator;
  }

  @Override
  public void publish(long revision, Map<String, VpcLink> links) {
    directory.apply(revision, links);
    replicator.tell(new VpcLinkReplicator.Publish(new VpcLinkReplicator.VpcLinkSet(revision, Map.copyOf(links))));
  }
}
