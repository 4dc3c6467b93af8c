package router.integration.egress;

import java.net.InetAddress;

/** A connection the egress policy refused: the host asked for, the address it resolved to, and why. */
public final class EgressRefusedException extends RuntimeException {
  private final String host;
  private final InetAddress address;
  private final String reason;

  public EgressRefusedException(String host, int port, InetAddress address, String reason) {
    super(host + ":" + port + " resolves to " + address.getHostAddress() + " (" + reason
        + " address), refused as router.egress.allow-private-networks is off", null, false, false);
    this.host = host;
    this.address = address;
    this.reason = reason;
  }

  public String host() {
    return host;
  }

  public InetAddress address() {
    return address;
  }

  /** The kind of address refused: loopback, private, link-local, cloud metadata, ... */
  public String reason() {
    return reason;
  }
}
