package router.integration.http;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.javadsl.ClientTransport;
import org.apache.pekko.http.javadsl.OutgoingConnection;
import org.apache.pekko.http.javadsl.settings.ClientConnectionSettings;
import org.apache.pekko.http.scaladsl.Http;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Tcp;
import org.apache.pekko.util.ByteString;
import router.concurrent.Stages;

/**
 * TCP to an address resolved (and checked by the egress policy) before the connection is materialized. pekko-http's
 * {@code ClientTransport.withCustomResolver} resolves inside the stream instead, through a lazy future flow whose
 * inner flow runs as a substream: every request's and answer's bytes then cross two more asynchronous boundaries.
 */
final class ResolvedTransport extends ClientTransport {
  private final InetSocketAddress address;

  ResolvedTransport(InetSocketAddress address) {
    this.address = address;
  }

  @Override
  public Flow<ByteString, ByteString, CompletionStage<OutgoingConnection>> connectTo(String host, int port,
      ClientConnectionSettings settings, ActorSystem system) {
    // As pekko-http's own TCP transport, with the address given rather than looked up.
    return Tcp.get(system).outgoingConnection(address, settings.getLocalAddress(), settings.getSocketOptions(), true,
            settings.getConnectingTimeout(), settings.getIdleTimeout())
        // Stages.plain: a converted Scala future's thenApply would run on the common pool (a thread per call here).
        .mapMaterializedValue(connected -> Stages.plain(connected).thenApply(tcp -> new OutgoingConnection(
            new Http.OutgoingConnection(tcp.localAddress(), tcp.remoteAddress()))));
  }
}
