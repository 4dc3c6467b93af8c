package router.connection;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * This node's view of every node's {@link ConnectionGateway}, by node tag: where {@code @connections} for an id of
 * another node goes. Fed by the receptionist, so a node that left, or that the failure detector marks unreachable,
 * is dropped from {@link #of} at once and its ids answer 410; nothing is written per connection.
 */
public final class ConnectionGateways {
  private static final String PREFIX = ConnectionGateway.NAME_PREFIX;

  private volatile Map<Integer, ActorRef<ConnectionGateway.Command>> reachable = Map.of();
  private volatile Map<Address, Integer> tags = Map.of();

  /** The gateway of the reachable node with {@code nodeTag}, or null when no such node is reachable. */
  public ActorRef<ConnectionGateway.Command> of(int nodeTag) {
    return reachable.get(nodeTag);
  }

  /** The node tag of the member at {@code address} (reachable or not), or null when its gateway is not listed. */
  public Integer tagOf(Address address) {
    return tags.get(address);
  }

  /** Replaces the view with a new listing: the reachable gateways, and all of them. */
  void update(Set<ActorRef<ConnectionGateway.Command>> reachableGateways,
      Set<ActorRef<ConnectionGateway.Command>> allGateways) {
    Map<Integer, ActorRef<ConnectionGateway.Command>> byTag = new HashMap<>();
    for (ActorRef<ConnectionGateway.Command> gateway : reachableGateways) {
      int tag = tagOf(gateway);
      if (tag >= 0) byTag.put(tag, gateway);
    }
    Map<Address, Integer> byAddress = new HashMap<>();
    for (ActorRef<ConnectionGateway.Command> gateway : allGateways) {
      int tag = tagOf(gateway);
      if (tag >= 0) byAddress.put(gateway.path().address(), tag);
    }
    reachable = Map.copyOf(byTag);
    tags = Map.copyOf(byAddress);
  }

  /** The tag in a gateway's actor name, or -1 for any other actor. */
  static int tagOf(ActorRef<?> gateway) {
    String name = gateway.path().name();
    if (!name.startsWith(PREFIX)) return -1;
    try {
      return Integer.parseInt(name.substring(PREFIX.length()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
