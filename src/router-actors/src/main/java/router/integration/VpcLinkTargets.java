package router.integration;

import java.util.List;

/** What the data plane knows of VPC links: the private {@code host:port} targets each link leads to. */
@FunctionalInterface
public interface VpcLinkTargets {

  /**
   * The targets of the VPC link {@code vpcLinkId}, in a stable order; empty when the link exists but none of its
   * target ARNs maps to targets on this node; null when no such link exists.
   */
  List<String> targets(String vpcLinkId);
}
