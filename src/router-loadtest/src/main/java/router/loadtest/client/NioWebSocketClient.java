package router.loadtest.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A lean WebSocket client (RFC 6455) on java.nio, the default client. One selector thread does
 * connects, handshakes, all reads and control frames; a send is written to the socket by the
 * calling thread (the open-loop sender, or the selector thread itself in closed loop) and only
 * queued when the socket buffer is full. Per message: one masked frame, one write, no hand-off
 * between threads — so the load generator stays cheaper per message than the servers it measures.
 */
public final class NioWebSocketClient implements WebSocketClient {

  private final NioLoop loop = new NioLoop("loadtest-ws-io");
  private final InetSocketAddress remote;
  private final String host;
  private final String pathAndQuery;
  private final SourceAddresses sources;
  private final int maxPendingBytes;

  /**
   * A client of {@code url} (ws:// only), binding connections round robin to {@code sources};
   * a connection whose unsent bytes exceed {@code maxPendingBytes} refuses sends (QUEUE_FULL).
   */
  public NioWebSocketClient(URI url, SourceAddresses sources, int maxPendingBytes) {
    if (!"ws".equals(url.getScheme())) throw new IllegalArgumentException("only ws:// URLs: " + url);
    int port = url.getPort() < 0 ? 80 : url.getPort();
    this.remote = new InetSocketAddress(url.getHost(), port);
    this.host = url.getHost() + ":" + port;
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    this.pathAndQuery = url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
    this.sources = sources;
    this.maxPendingBytes = maxPendingBytes;
  }

  @Override
  public CompletionStage<ClientConnection> open(int index, FrameListener listener) {
    CompletableFuture<ClientConnection> upgraded = new CompletableFuture<>();
    if (!loop.running()) return CompletableFuture.failedFuture(new IllegalStateException("client closed"));
    loop.execute(() -> connect(index, listener, upgraded));
    return upgraded;
  }

  private void connect(int index, FrameListener listener, CompletableFuture<ClientConnection> upgraded) {
    SocketChannel channel = null;
    try {
      channel = SocketChannel.open();
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      Optional<InetSocketAddress> local = sources.forConnection(index);
      if (local.isPresent()) channel.bind(local.get());
      NioConnection c = new NioConnection(loop, channel, index, listener, upgraded, host, pathAndQuery, maxPendingBytes);
      boolean connected = channel.connect(remote);
      c.key(loop.register(channel, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, c));
      if (connected) c.onConnected();
    } catch (IOException | RuntimeException e) {
      NioLoop.closeQuietly(channel);
      upgraded.completeExceptionally(e);
    }
  }

  @Override
  public void close() {
    loop.close();
  }
}
