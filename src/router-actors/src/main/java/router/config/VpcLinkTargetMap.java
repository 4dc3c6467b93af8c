package router.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each VPC link target ARN leads on this node: {@code router.vpc-links.targets}, a map from a target ARN (a
 * load balancer's, as {@code create-vpc-link --target-arns} names it) to private {@code host:port} targets, given as
 * a list or a comma-separated string.
 */
public final class VpcLinkTargetMap {
  private final Map<String, List<String>> byArn;

  public VpcLinkTargetMap(Map<String, List<String>> byArn) {
    this.byArn = Map.copyOf(byArn);
  }

  public static VpcLinkTargetMap from(Config config) {
    Map<String, List<String>> byArn = new LinkedHashMap<>();
    String path = "router.vpc-links.targets";
    if (!config.hasPath(path)) return new VpcLinkTargetMap(byArn);
    // root() keeps each quoted key whole, dots and colons of the ARN included.
    for (Map.Entry<String, ConfigValue> entry : config.getObject(path).entrySet()) {
      // A -D system property keeps quotes in its key ("arn:..." stays quoted): accept the ARN either way.
      String arn = entry.getKey().length() > 1 && entry.getKey().startsWith("\"") && entry.getKey().endsWith("\"")
          ? entry.getKey().substring(1, entry.getKey().length() - 1) : entry.getKey();
      byArn.put(arn, hosts(arn, entry.getValue()));
    }
    return new VpcLinkTargetMap(byArn);
  }

  private static List<String> hosts(String arn, ConfigValue value) {
    List<String> hosts = new ArrayList<>();
    if (value.valueType() == ConfigValueType.LIST) {
      for (Object host : (List<?>) value.unwrapped()) hosts.add(String.valueOf(host).trim());
    } else if (value.valueType() == ConfigValueType.STRING) {
      for (String host : ((String) value.unwrapped()).split(",")) {
        if (!host.isBlank()) hosts.add(host.trim());
      }
    } else {
      throw new IllegalArgumentException("router.vpc-links.targets.\"" + arn
          + "\" must be a list of host:port strings or one comma-separated string");
    }
    for (String host : hosts) {
      int colon = host.lastIndexOf(':');
      if (colon <= 0 || colon == host.length() - 1 || !host.substring(colon + 1).chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException("router.vpc-links.targets.\"" + arn + "\": " + host + " is not host:port");
      }
    }
    return List.copyOf(hosts);
  }

  /** The targets of an ARN; empty when it is not mapped. */
  public List<String> targets(String targetArn) {
    return byArn.getOrDefault(targetArn, List.of());
  }

  /** The targets of every ARN of a link, in ARN order. */
  public List<String> targets(List<String> targetArns) {
    List<String> all = new ArrayList<>();
    for (String arn : targetArns) all.addAll(targets(arn));
    return List.copyOf(all);
  }

  /** The first target ARN that maps to nothing, or null when all are mapped. */
  public String firstUnmapped(List<String> targetArns) {
    for (String arn : targetArns) {
      if (targets(arn).isEmpty()) return arn;
    }
    return null;
  }
}
