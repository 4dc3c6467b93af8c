package router.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import router.config.VpcLinkTargetMap;
import router.integration.VpcLinkTargets;
import router.model.VpcLink;

/**
 * This node's view of the VPC links: each link's private targets, from the links the registry published and this
 * node's {@code router.vpc-links.targets}. A newer revision replaces an older one, never the reverse.
 */
public final class VpcLinkDirectory implements VpcLinkTargets {
  private record Snapshot(long revision, Map<String, List<String>> targetsById) {}

  private final VpcLinkTargetMap targetMap;
  private volatile Snapshot snapshot = new Snapshot(-1, Map.of());

  public VpcLinkDirectory(VpcLinkTargetMap targetMap) {
    this.targetMap = targetMap;
  }

  /** Installs the links as of {@code revision}, unless this node already has a newer version. */
  public synchronized void apply(long revision, Map<String, VpcLink> links) {
    if (revision <= snapshot.revision()) return;
    Map<String, List<String>> targets = new LinkedHashMap<>();
    links.forEach((id, link) -> targets.put(id,
        VpcLink.AVAILABLE.equals(link.status()) ? targetMap.targets(link.targetArns()) : List.of()));
    snapshot = new Snapshot(revision, Map.copyOf(targets));
  }

  @Override
  public List<String> targets(String vpcLinkId) {
    return vpcLinkId == null ? null : snapshot.targetsById().get(vpcLinkId);
  }
}
