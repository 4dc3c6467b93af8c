package router.integration.egress;

import com.typesafe.config.Config;
import java.util.Set;

/**
 * The egress policy's settings ({@code router.egress}, see reference.conf).
 *
 * @param allowPrivateNetworks whether INTERNET integrations may reach any address (the single-node default)
 * @param allowedTargets {@code host:port} pairs reachable whatever their address ({@code [v6]:port} for IPv6)
 * @param resolverDispatcher config path of the dispatcher on which host names are resolved (blocking calls)
 */
public record EgressSettings(boolean allowPrivateNetworks, Set<String> allowedTargets, String resolverDispatcher) {

  public static EgressSettings from(Config config) {
    Config egress = config.getConfig("router.egress");
    return new EgressSettings(egress.getBoolean("allow-private-networks"),
        Set.copyOf(egress.getStringList("allowed-targets")), "router.egress.resolver-dispatcher");
  }

  /** Whether {@code host:port} is listed in {@code allowed-targets}. */
  public boolean allows(String host, int port) {
    if (allowedTargets.isEmpty()) return false;
    String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    return allowedTargets.contains(h + ":" + port);
  }
}
