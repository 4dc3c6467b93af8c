package router.config;

import java.util.Map;
import router.model.VpcLink;

/** Where the VPC link registry hands every version of the links, to reach the data plane of every node. */
@FunctionalInterface
public interface VpcLinkPublisher {

  /** All links as of {@code revision} (the registry's event count), in creation order. */
  void publish(long revision, Map<String, VpcLink> links);
}
