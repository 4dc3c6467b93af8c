package router.loadtest.client;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The local addresses client connections are bound to, chosen round robin: spreading many
 * connections over 127.0.0.2, 127.0.0.3, ... gives each address its own ephemeral port range.
 */
public record SourceAddresses(List<InetSocketAddress> addresses) {

  /** Connections per source address under "auto" (the ephemeral range holds ~28,000). */
  public static final int CONNECTIONS_PER_ADDRESS = 10_000;
  /** First address used for counts and "auto": 127.0.0.1 is left to the servers. */
  private static final int FIRST_HOST_BYTE = 2;
  private static final int LAST_HOST_BYTE = 254;

  /**
   * Parses the {@code source-addresses} setting: "auto", a count, or a comma-separated list.
   * {@code connections} is the number of connections open at the same time.
   */
  public static SourceAddresses parse(String setting, int connections) {
    String s = setting.trim();
    if (s.equalsIgnoreCase("auto")) {
      if (connections <= CONNECTIONS_PER_ADDRESS) return new SourceAddresses(List.of());
      return count((connections + CONNECTIONS_PER_ADDRESS - 1) / CONNECTIONS_PER_ADDRESS);
    }
    if (s.isEmpty() || s.equals("0")) return new SourceAddresses(List.of());
    if (s.chars().allMatch(Character::isDigit)) return count(Integer.parseInt(s));
    List<InetSocketAddress> list = new ArrayList<>();
    for (String part : s.split(",")) list.add(loopback(part.trim()));
    return new SourceAddresses(List.copyOf(list));
  }

  private static SourceAddresses count(int n) {
    if (n > LAST_HOST_BYTE - FIRST_HOST_BYTE + 1) {
      throw new IllegalArgumentException("at most " + (LAST_HOST_BYTE - FIRST_HOST_BYTE + 1) + " source addresses");
    }
    List<InetSocketAddress> list = new ArrayList<>();
    for (int i = 0; i < n; i++) list.add(loopback("127.0.0." + (FIRST_HOST_BYTE + i)));
    return new SourceAddresses(List.copyOf(list));
  }

  private static InetSocketAddress loopback(String host) {
    try {
      InetAddress a = InetAddress.getByName(host);
      if (!a.isLoopbackAddress()) throw new IllegalArgumentException("source address must be loopback: " + host);
      return new InetSocketAddress(a, 0);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("bad source address " + host, e);
    }
  }

  /** The address for connection number {@code index}, or empty for the kernel's choice. */
  public Optional<InetSocketAddress> forConnection(int index) {
    if (addresses.isEmpty()) return Optional.empty();
    return Optional.of(addresses.get(Math.floorMod(index, addresses.size())));
  }
}
