package router.node;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/** Why this node does not serve yet (or any more): the reasons {@code /health/ready} gives; none when ready. */
final class Readiness {
  private final Cluster cluster;
  private volatile boolean stagesLoaded;
  private volatile String startFailure;
  private volatile boolean shuttingDown;

  Readiness(Cluster cluster) {
    this.cluster = cluster;
  }

  /** Every API entity has woken and published its deployed stages. */
  void stagesLoaded() {
    stagesLoaded = true;
  }

  /** Starting the engine failed; the node will not become ready. */
  void startFailed(Throwable failure) {
    startFailure = String.valueOf(failure.getMessage());
  }

  /** The node is stopping (CoordinatedShutdown began): it takes no new clients. */
  void shuttingDown() {
    shuttingDown = true;
  }

  boolean isReady() {
    return reasons().isEmpty();
  }

  List<String> reasons() {
    List<String> reasons = reasons(cluster.selfMember().status(), stagesLoaded, startFailure);
    if (shuttingDown) reasons.add(0, "shutdown: the node is stopping and takes no new clients");
    return reasons;
  }

  static List<String> reasons(MemberStatus status, boolean stagesLoaded, String startFailure) {
    List<String> reasons = new ArrayList<>(3);
    if (status != MemberStatus.up()) {
      reasons.add("cluster: this node's member status is " + status + ", not Up"
          + (status == MemberStatus.joining() || status == MemberStatus.weaklyUp()
              ? " (waiting for the seed nodes / the cluster leader)" : " (leaving or removed)"));
    }
    if (startFailure != null) reasons.add("engine: failed to start: " + startFailure);
    else if (!stagesLoaded) reasons.add("stages: loading the deployed stages of every API from the journal");
    return reasons;
  }
}
