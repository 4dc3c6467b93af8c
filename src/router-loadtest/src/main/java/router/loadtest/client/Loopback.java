package router.loadtest.client;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/** Guard: the tool sends load to loopback addresses (127.0.0.0/8, ::1) only. */
public final class Loopback {

  private Loopback() {}

  /** Returns {@code uri} if its host is a loopback address, else throws. */
  public static URI requireLoopback(URI uri) {
    String host = uri.getHost();
    if (host == null) throw new IllegalArgumentException("URL without host: " + uri);
    try {
      for (InetAddress a : InetAddress.getAllByName(host)) {
        if (!a.isLoopbackAddress()) {
          throw new IllegalArgumentException("refusing to send load to a non-loopback address: " + uri);
        }
      }
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("unknown host in " + uri, e);
    }
    return uri;
  }
}
