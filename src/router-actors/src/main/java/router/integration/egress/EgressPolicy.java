package router.integration.egress;

import java.net.InetAddress;

/**
 * Which addresses an INTERNET integration may reach: none that is loopback, unspecified, private, shared (CGNAT),
 * link-local (where cloud metadata services live) or multicast, in IPv4 or IPv6, including IPv4 addresses embedded in
 * IPv6 (mapped, compatible, NAT64). Pure: it looks at the address bytes only and never resolves or connects.
 */
public final class EgressPolicy {
  private static final int IPV4 = 4;
  private static final int IPV6 = 16;
  private static final int EMBEDDED_V4_OFFSET = 12;

  private EgressPolicy() {}

  /** Why {@code address} may not be reached from an INTERNET integration, or null when it may. */
  public static String refusal(InetAddress address) {
    byte[] bytes = address.getAddress();
    if (bytes.length == IPV4) return refusalV4(bytes);
    if (bytes.length == IPV6) return refusalV6(bytes);
    return "unknown";
  }

  private static String refusalV4(byte[] b) {
    int a0 = b[0] & 0xFF;
    int a1 = b[1] & 0xFF;
    int a2 = b[2] & 0xFF;
    int a3 = b[3] & 0xFF;
    if (a0 == 169 && a1 == 254 && a2 == 169 && a3 == 254) return "cloud metadata";
    if (a0 == 100 && a1 == 100 && a2 == 100 && a3 == 200) return "cloud metadata"; // Alibaba Cloud
    if (a0 == 0) return "unspecified"; // 0.0.0.0/8: "this network", 0.0.0.0 reaches the local host on Linux
    if (a0 == 127) return "loopback";
    if (a0 == 10 || (a0 == 172 && (a1 & 0xF0) == 16) || (a0 == 192 && a1 == 168)) return "private";
    if (a0 == 100 && (a1 & 0xC0) == 64) return "private"; // 100.64.0.0/10, carrier-grade NAT (RFC 6598)
    if (a0 == 169 && a1 == 254) return "link-local";
    if (a0 == 192 && a1 == 0 && a2 == 0) return "private"; // 192.0.0.0/24, IETF protocol assignments
    if (a0 == 198 && (a1 & 0xFE) == 18) return "private"; // 198.18.0.0/15, benchmarking
    if (a0 >= 224) return "multicast or reserved"; // 224/4 multicast, 240/4 reserved, 255.255.255.255
    return null;
  }

  private static String refusalV6(byte[] b) {
    if (isZero(b, 0, 10) && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) return embedded(b); // ::ffff:a.b.c.d
    if (isZero(b, 0, 12)) { // :: , ::1, and the deprecated IPv4-compatible ::a.b.c.d
      if (isZero(b, 12, 15) && b[15] == 0) return "unspecified";
      if (isZero(b, 12, 15) && b[15] == 1) return "loopback";
      return embedded(b);
    }
    // 64:ff9b::/96, NAT64: the gateway translates to the embedded IPv4 address
    if (b[0] == 0 && b[1] == 0x64 && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x9B && isZero(b, 4, 12)) {
      return embedded(b);
    }
    if (b[0] == (byte) 0xFD && b[1] == 0x00 && b[2] == 0x0E && (b[3] & 0xFF) == 0xC2 && isZero(b, 4, 14)
        && b[14] == 0x02 && (b[15] & 0xFF) == 0x54) {
      return "cloud metadata"; // fd00:ec2::254, the EC2 instance metadata service over IPv6
    }
    int b0 = b[0] & 0xFF;
    if ((b0 & 0xFE) == 0xFC) return "private"; // fc00::/7, unique local
    if (b0 == 0xFE && (b[1] & 0xC0) == 0x80) return "link-local"; // fe80::/10
    if (b0 == 0xFE && (b[1] & 0xC0) == 0xC0) return "private"; // fec0::/10, deprecated site-local
    if (b0 == 0xFF) return "multicast or reserved";
    return null;
  }

  private static String embedded(byte[] b) {
    byte[] v4 = new byte[IPV4];
    System.arraycopy(b, EMBEDDED_V4_OFFSET, v4, 0, IPV4);
    return refusalV4(v4);
  }

  private static boolean isZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) if (b[i] != 0) return false;
    return true;
  }
}
