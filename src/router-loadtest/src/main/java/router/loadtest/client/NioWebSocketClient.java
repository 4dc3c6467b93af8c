package router.loadtest.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * A lean WebSocket client (RFC 6455) on java.nio, the default client. One selector thread does
 * connects, handshakes, all reads and control frames; a send is written to the socket by the
 * calling thread (the open-loop sender, or the selector thread itself in closed loop) and only
 * queued when the socket buffer is full. Per message: one masked frame, one write, no hand-off
 * between threads — so the load generator stays cheaper per message than the servers it measures.
 */
public final class NioWebSocketClient implements WebSocketClient {

  /** Shared read buffer of the selector thread. */
  private static final int READ_BUFFER_BYTES = 256 * 1024;
  /** How long closing waits for the selector thread. */
  private static final long STOP_WAIT_MILLIS = 5_000;

  private final Selector selector;
  private final Thread ioThread;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final InetSocketAddress remote;
  private final String host;
  private final String pathAndQuery;
  private final SourceAddresses sources;
  private final int maxPendingBytes;
  private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER_BYTES);
  private volatile boolean running = true;

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
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.ioThread = new Thread(this::loop, "loadtest-io");
    ioThread.setDaemon(true);
    ioThread.start();
  }

  @Override
  public CompletionStage<ClientConnection> open(int index, FrameListener listener) {
    CompletableFuture<ClientConnection> upgraded = new CompletableFuture<>();
    if (!running) return CompletableFuture.failedFuture(new IllegalStateException("client closed"));
    runOnIoThread(() -> connect(index, listener, upgraded));
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
      NioConnection c = new NioConnection(this, index, channel, listener, upgraded, host, pathAndQuery);
      boolean connected = channel.connect(remote);
      c.key(channel.register(selector, connected ? 0 : SelectionKey.OP_CONNECT, c));
      if (connected) c.onConnected();
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      upgraded.completeExceptionally(e);
    }
  }

  /** Runs {@code task} on the selector thread (now, if already on it). */
  void runOnIoThread(Runnable task) {
    if (Thread.currentThread() == ioThread) {
      task.run();
    } else {
      tasks.add(task);
      selector.wakeup();
    }
  }

  int maxPendingBytes() {
    return maxPendingBytes;
  }

  ByteBuffer readBuffer() {
    return readBuffer;
  }

  private void loop() {
    while (running) {
      try {
        selector.select();
      } catch (IOException e) {
        System.err.println("loadtest-io: select failed: " + e);
        return;
      }
      Runnable task;
      while ((task = tasks.poll()) != null) task.run();
      var selected = selector.selectedKeys();
      for (SelectionKey key : selected) {
        NioConnection c = (NioConnection) key.attachment();
        try {
          if (!key.isValid()) continue;
          if (key.isConnectable()) c.onConnectable();
          if (key.isValid() && key.isWritable()) c.onWritable();
          if (key.isValid() && key.isReadable()) c.onReadable();
        } catch (IOException e) {
          c.terminate(e);
        } catch (RuntimeException e) {
          System.err.println("loadtest-io: " + e);
          c.terminate(e);
        }
      }
      selected.clear();
    }
    for (SelectionKey key : selector.keys()) {
      if (key.attachment() instanceof NioConnection c) c.terminate(new IOException("client closed"));
    }
    closeQuietly(selector);
  }

  @Override
  public void close() {
    running = false;
    selector.wakeup();
    try {
      ioThread.join(TimeUnit.MILLISECONDS.toMillis(STOP_WAIT_MILLIS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void closeQuietly(AutoCloseable c) {
    if (c == null) return;
    try {
      c.close();
    } catch (Exception ignored) {
      // Closing after a failure: nothing left to do with the error.
    }
  }
}
