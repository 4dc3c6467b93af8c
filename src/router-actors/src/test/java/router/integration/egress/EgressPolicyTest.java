package router.integration.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** The egress policy on address bytes only: nothing here resolves a name or opens a connection. */
class EgressPolicyTest {
  private static final Executor NEVER = command -> {
    throw new AssertionError("no lookup expected");
  };

  /** An IPv4 or IPv6 literal as an address, parsed from its text (no DNS: literals never consult it). */
  private static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private static InetAddress bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) b[i] = (byte) values[i];
    try {
      return InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void refusesCloudMetadataLoopbackPrivateAndLinkLocalIpv4() {
    assertEquals("cloud metadata", EgressPolicy.refusal(ip("169.254.169.254")));
    assertEquals("private", EgressPolicy.refusal(ip("10.0.0.1")));
    assertEquals("private", EgressPolicy.refusal(ip("172.16.0.1")));
    assertEquals("private", EgressPolicy.refusal(ip("172.31.255.255")));
    assertEquals("private", EgressPolicy.refusal(ip("192.168.0.1")));
    assertEquals("private", EgressPolicy.refusal(ip("100.64.0.1")));
    assertEquals("loopback", EgressPolicy.refusal(ip("127.0.0.1")));
    assertEquals("loopback", EgressPolicy.refusal(ip("127.255.0.9")));
    assertEquals("unspecified", EgressPolicy.refusal(ip("0.0.0.0")));
    assertEquals("link-local", EgressPolicy.refusal(ip("169.254.1.1")));
    assertEquals("multicast or reserved", EgressPolicy.refusal(ip("224.0.0.1")));
    assertEquals("multicast or reserved", EgressPolicy.refusal(ip("255.255.255.255")));
  }

  @Test
  void refusesLoopbackUniqueLocalLinkLocalAndMetadataIpv6() {
    assertEquals("loopback", EgressPolicy.refusal(ip("::1")));
    assertEquals("unspecified", EgressPolicy.refusal(ip("::")));
    assertEquals("private", EgressPolicy.refusal(ip("fc00::1")));
    assertEquals("private", EgressPolicy.refusal(ip("fd12:3456::1")));
    assertEquals("link-local", EgressPolicy.refusal(ip("fe80::1")));
    assertEquals("cloud metadata", EgressPolicy.refusal(ip("fd00:ec2::254")));
    assertEquals("multicast or reserved", EgressPolicy.refusal(ip("ff02::1")));
  }

  @Test
  void refusesIpv4AddressesEmbeddedInIpv6() {
    assertEquals("loopback", EgressPolicy.refusal(ip("::ffff:127.0.0.1")));
    assertEquals("private", EgressPolicy.refusal(ip("::ffff:10.0.0.1")));
    assertEquals("cloud metadata", EgressPolicy.refusal(ip("::ffff:169.254.169.254")));
    // the JDK turns a mapped literal into an Inet4Address; the raw 16 bytes must be refused as well
    int[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 127, 0, 0, 1};
    assertEquals("loopback", EgressPolicy.refusal(bytes(mapped)));
    assertEquals("private", EgressPolicy.refusal(bytes(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 1)));
    assertEquals("loopback", EgressPolicy.refusal(ip("64:ff9b::7f00:1")));
  }

  @Test
  void allowsPublicAddresses() {
    for (String address : List.of("8.8.8.8", "1.1.1.1", "172.32.0.1", "192.169.0.1", "100.128.0.1", "169.255.0.1",
        "2606:4700:4700::1111", "2a00:1450:4001:81c::200e", "::ffff:8.8.8.8")) {
      assertNull(EgressPolicy.refusal(ip(address)), address);
    }
  }

  @Test
  void resolverRefusesAPrivateAddressNamingHostAndAddress() {
    EgressResolver resolver = new EgressResolver(new EgressSettings(false, Set.of(), "unused"), NEVER);
    EgressRefusedException refused =
        assertThrows(EgressRefusedException.class, () -> resolver.check("localhost", 8080, ip("127.0.0.1")));
    assertEquals("localhost:8080 resolves to 127.0.0.1 (loopback address), refused as "
        + "router.egress.allow-private-networks is off", refused.getMessage());
    assertEquals(8080, resolver.check("example.com", 8080, ip("93.184.215.14")).getPort());
  }

  @Test
  void resolverLetsAllowedTargetsAndPrivateNetworksThrough() {
    EgressResolver listed = new EgressResolver(new EgressSettings(false, Set.of("127.0.0.1:9000", "[::1]:9001",
        "backend.local:9002"), "unused"), NEVER);
    assertEquals(ip("127.0.0.1"), listed.check("localhost", 9000, ip("127.0.0.1")).getAddress());
    assertEquals(ip("::1"), listed.check("::1", 9001, ip("::1")).getAddress());
    assertEquals(ip("10.0.0.7"), listed.check("backend.local", 9002, ip("10.0.0.7")).getAddress());
    assertThrows(EgressRefusedException.class, () -> listed.check("localhost", 9999, ip("127.0.0.1")));

    EgressResolver open = new EgressResolver(new EgressSettings(true, Set.of(), "unused"), NEVER);
    assertEquals(ip("169.254.169.254"), open.check("metadata", 80, ip("169.254.169.254")).getAddress());
  }
}
