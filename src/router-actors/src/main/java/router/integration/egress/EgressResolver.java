package router.integration.egress;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Resolves the host of an outgoing connection and applies the {@link EgressPolicy} to the address the connection will
 * use, so neither a DNS name nor a redirect can lead around it. The lookup blocks, so it runs on the given bounded
 * executor, never on a stream or actor thread.
 */
public final class EgressResolver {
  private final EgressSettings settings;
  private final Executor executor;

  public EgressResolver(EgressSettings settings, Executor executor) {
    this.settings = settings;
    this.executor = executor;
  }

  /**
   * The address to connect to for {@code host:port}: the first address the host resolves to, when the policy allows
   * it; fails with {@link EgressRefusedException} when it does not.
   */
  public CompletionStage<InetSocketAddress> resolve(String host, int port) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return check(host, port, InetAddress.getAllByName(host)[0]);
      } catch (UnknownHostException e) {
        throw new CompletionException(e);
      }
    }, executor);
  }

  /** {@code address} as the target of {@code host:port}, or {@link EgressRefusedException}. */
  public InetSocketAddress check(String host, int port, InetAddress address) {
    if (!settings.allowPrivateNetworks() && !settings.allows(host, port)
        && !settings.allows(address.getHostAddress(), port)) {
      String refusal = EgressPolicy.refusal(address);
      if (refusal != null) throw new EgressRefusedException(host, port, address, refusal);
    }
    return new InetSocketAddress(address, port);
  }
}
