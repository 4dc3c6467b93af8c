package router.config;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * The cluster role of the nodes that run Router ({@code router.cluster.role}): Router's sharded entities live on
 * those nodes only, and a node without the role reaches them through a sharding proxy. Empty: every node.
 */
public final class RouterRole {
  public static final String PATH = "router.cluster.role";

  private RouterRole() {}

  /** The configured role, or empty when every node runs Router. */
  public static String of(ActorSystem<?> system) {
    return system.settings().config().getString(PATH);
  }

  /** Whether this node runs Router: no role is configured, or this member has it. */
  public static boolean runsHere(ActorSystem<?> system) {
    String role = of(system);
    return role.isEmpty() || Cluster.get(system).selfMember().hasRole(role);
  }

  /** {@code entity}, restricted to the nodes with the role when one is configured. */
  public static <M, E> Entity<M, E> applyTo(ActorSystem<?> system, Entity<M, E> entity) {
    String role = of(system);
    return role.isEmpty() ? entity : entity.withRole(role);
  }
}
