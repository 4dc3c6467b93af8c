package router.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterSeedsTest {

  @Test
  void hostPortPairsBecomePekkoAddressesOfTheRouterSystem() {
    assertEquals(List.of("pekko://router@node1:25520", "pekko://router@10.0.0.2:25521"),
        ClusterSeeds.parse(" node1:25520, 10.0.0.2:25521 ,"));
  }

  @Test
  void fullAddressesAreKept() {
    assertEquals(List.of("pekko://other@h:1"), ClusterSeeds.parse("pekko://other@h:1"));
  }

  @Test
  void noSeedsMeansAClusterOfOne() {
    assertTrue(ClusterSeeds.parse("").isEmpty());
    Config config = config("", List.of());
    assertTrue(ClusterSeeds.apply(config).getStringList("pekko.cluster.seed-nodes").isEmpty());
  }

  @Test
  void seedsFillPekkoSeedNodesUnlessTheyAreSet() {
    assertEquals(List.of("pekko://router@a:1"),
        ClusterSeeds.apply(config("a:1", List.of())).getStringList("pekko.cluster.seed-nodes"));
    assertEquals(List.of("pekko://router@b:2"),
        ClusterSeeds.apply(config("a:1", List.of("pekko://router@b:2"))).getStringList("pekko.cluster.seed-nodes"));
  }

  @Test
  void aSeedWithoutAPortIsRefusedSayingWhatIsExpected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClusterSeeds.parse("node1"));
    assertTrue(e.getMessage().contains("ROUTER_CLUSTER_SEEDS"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ClusterSeeds.parse("node1:http"));
  }

  private static Config config(String seeds, List<String> seedNodes) {
    return ConfigFactory.parseMap(java.util.Map.of("router.node.cluster.seeds", seeds,
        "pekko.cluster.seed-nodes", seedNodes));
  }
}
