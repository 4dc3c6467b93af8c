package router.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns {@code router.node.cluster.seeds} ({@code ROUTER_CLUSTER_SEEDS}: comma-separated {@code host:port} Pekko
 * remoting addresses) into Pekko's {@code pekko.cluster.seed-nodes} ({@code pekko://router@host:port}).
 */
final class ClusterSeeds {
  /** The ActorSystem name of every node (router.node.Main); seed addresses name it. */
  static final String SYSTEM_NAME = "router";

  private ClusterSeeds() {}

  /** {@code config} with its seed nodes set from {@code router.node.cluster.seeds}, unless Pekko's are set. */
  static Config apply(Config config) {
    List<String> seeds = parse(config.getString("router.node.cluster.seeds"));
    if (seeds.isEmpty() || !config.getStringList("pekko.cluster.seed-nodes").isEmpty()) return config;
    return config.withValue("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(seeds));
  }

  /** The Pekko addresses of a seeds list; a full {@code pekko://...} address is kept as it is. */
  static List<String> parse(String seeds) {
    List<String> addresses = new ArrayList<>();
    for (String seed : seeds.split(",")) {
      String s = seed.strip();
      if (s.isEmpty()) continue;
      if (s.startsWith("pekko://")) {
        addresses.add(s);
        continue;
      }
      int colon = s.lastIndexOf(':');
      if (colon <= 0 || colon == s.length() - 1 || !s.substring(colon + 1).chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException("ROUTER_CLUSTER_SEEDS (router.node.cluster.seeds) must list host:port"
            + " addresses separated by commas, e.g. node1:25520,node2:25520; not \"" + s + "\"");
      }
      addresses.add("pekko://" + SYSTEM_NAME + "@" + s);
    }
    return addresses;
  }
}
