package router.loadtest.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HTTP/1.1 POSTs over a few keep-alive connections, pipelined, on one selector thread: the
 * backend side of push mode, as cheap per request as the WebSocket client is per message.
 * Responses are reported by tag; a request that gets no response reports status 0.
 */
public final class NioHttpClient implements AutoCloseable {

  /** Told of each response. Called on the selector thread; must not block. */
  public interface ResponseListener {
    /** The request tagged {@code tag} was answered with {@code status} (0: no response). */
    void onResponse(long tag, int status);
  }

  private final NioLoop loop = new NioLoop("loadtest-http-io");
  private final InetSocketAddress remote;
  private final String host;
  private final HttpConnection[] slots;
  private final AtomicInteger next = new AtomicInteger();
  private final ResponseListener listener;

  /** A client of {@code base}'s host and port (http:// only), spreading requests over {@code connections}. */
  public NioHttpClient(URI base, int connections, ResponseListener listener) {
    if (!"http".equals(base.getScheme())) throw new IllegalArgumentException("only http:// URLs: " + base);
    Loopback.requireLoopback(base);
    int port = base.getPort() < 0 ? 80 : base.getPort();
    this.remote = new InetSocketAddress(base.getHost(), port);
    this.host = base.getHost() + ":" + port;
    this.slots = new HttpConnection[Math.max(1, connections)];
    this.listener = listener;
  }

  /** POSTs {@code body} as application/json to {@code path} (absolute, already encoded); never blocks. */
  public void post(long tag, String path, String body) {
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    String head = "POST " + path + " HTTP/1.1\r\nHost: " + host
        + "\r\nContent-Type: application/json\r\nContent-Length: " + content.length + "\r\n\r\n";
    byte[] request = new byte[head.length() + content.length];
    head.getBytes(0, head.length(), request, 0);
    System.arraycopy(content, 0, request, head.length(), content.length);
    connection(Math.floorMod(next.getAndIncrement(), slots.length)).post(tag, request);
  }

  private HttpConnection connection(int slot) {
    synchronized (slots) {
      HttpConnection c = slots[slot];
      if (c == null || c.closed) {
        c = open();
        slots[slot] = c;
      }
      return c;
    }
  }

  private HttpConnection open() {
    try {
      SocketChannel channel = SocketChannel.open();
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      HttpConnection c = new HttpConnection(loop, channel, listener);
      loop.execute(() -> {
        try {
          boolean connected = channel.connect(remote);
          c.key(loop.register(channel, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, c));
          if (connected) c.onConnected();
        } catch (IOException e) {
          c.terminate(e);
        }
      });
      return c;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    loop.close();
  }
}
