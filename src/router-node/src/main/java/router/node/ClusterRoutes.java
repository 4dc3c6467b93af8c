package router.node;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.function.Function;
import org.apache.pekko.actor.Address;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /cluster/members} on the control listener: every member this node knows of, with its address, status,
 * roles, reachability and the node tag its connection ids carry (null until its gateway is listed here).
 */
final class ClusterRoutes {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Cluster cluster;
  private final Function<Address, Integer> nodeTagOf;

  ClusterRoutes(Cluster cluster, Function<Address, Integer> nodeTagOf) {
    this.cluster = cluster;
    this.nodeTagOf = nodeTagOf;
  }

  Route route() {
    return pathPrefix("cluster", () -> path("members", () -> get(() -> complete(members()))));
  }

  private HttpResponse members() {
    ClusterEvent.CurrentClusterState state = cluster.state();
    Set<Member> unreachable = state.getUnreachable();
    Address self = cluster.selfMember().address();
    ObjectNode body = JSON.createObjectNode();
    body.put("self", self.toString());
    body.put("leader", state.getLeader() == null ? null : state.getLeader().toString());
    ArrayNode members = body.putArray("members");
    for (Member member : state.getMembers()) {
      ObjectNode m = members.addObject();
      m.put("address", member.address().toString());
      m.put("status", member.status().toString());
      ArrayNode roles = m.putArray("roles");
      member.getRoles().forEach(roles::add);
      m.put("reachable", !unreachable.contains(member));
      m.put("nodeTag", nodeTagOf.apply(member.address()));
    }
    return HttpResponse.create().withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body.toString()));
  }
}
