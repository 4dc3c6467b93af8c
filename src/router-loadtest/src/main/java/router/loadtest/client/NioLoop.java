package router.loadtest.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One selector thread: connects, reads, control work and queued writes of every channel
 * registered with it. Work from other threads is handed over with {@link #execute}.
 */
final class NioLoop implements AutoCloseable {

  /** Shared read buffer of the selector thread. */
  private static final int READ_BUFFER_BYTES = 256 * 1024;
  /** How long closing waits for the selector thread. */
  private static final long STOP_WAIT_MILLIS = 5_000;

  private final Selector selector;
  private final Thread thread;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER_BYTES);
  private volatile boolean running = true;

  NioLoop(String name) {
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.thread = new Thread(this::loop, name);
    thread.setDaemon(true);
    thread.start();
  }

  boolean running() {
    return running;
  }

  /** Runs {@code task} on the selector thread (at once when already on it). */
  void execute(Runnable task) {
    if (Thread.currentThread() == thread) {
      task.run();
    } else {
      tasks.add(task);
      selector.wakeup();
    }
  }

  /** Registers {@code channel} for {@code ops} with {@code handler} as attachment (selector thread). */
  SelectionKey register(SocketChannel channel, int ops, NioChannel handler) throws IOException {
    return channel.register(selector, ops, handler);
  }

  /** The selector thread's read buffer (selector thread only). */
  ByteBuffer readBuffer() {
    return readBuffer;
  }

  private void loop() {
    while (running) {
      try {
        selector.select();
      } catch (IOException e) {
        System.err.println(thread.getName() + ": select failed: " + e);
        return;
      }
      Runnable task;
      while ((task = tasks.poll()) != null) task.run();
      var selected = selector.selectedKeys();
      for (SelectionKey key : selected) {
        NioChannel c = (NioChannel) key.attachment();
        try {
          if (!key.isValid()) continue;
          if (key.isConnectable()) c.onConnectable();
          if (key.isValid() && key.isWritable()) c.onWritable();
          if (key.isValid() && key.isReadable()) c.onReadable();
        } catch (IOException e) {
          c.terminate(e);
        } catch (RuntimeException e) {
          System.err.println(thread.getName() + ": " + e);
          c.terminate(e);
        }
      }
      selected.clear();
    }
    for (SelectionKey key : selector.keys()) {
      if (key.attachment() instanceof NioChannel c) c.terminate(new IOException("client closed"));
    }
    closeQuietly(selector);
  }

  @Override
  public void close() {
    running = false;
    selector.wakeup();
    try {
      thread.join(STOP_WAIT_MILLIS);
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
