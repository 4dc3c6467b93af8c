package router.loadtest.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * A non-blocking socket of a {@link NioLoop}: writes from any thread go straight to the socket and
 * are queued only when its buffer is full; reads hand complete bytes to {@link #consume}, carrying
 * an incomplete tail over to the next read.
 */
abstract class NioChannel {

  /** Extra room when an incomplete tail is carried over to the next read. */
  private static final int CARRY_READ_BYTES = 64 * 1024;

  protected final NioLoop loop;
  protected final SocketChannel channel;
  protected SelectionKey key;
  // Selector thread only.
  private byte[] carry;
  private int carryLength;
  // Guarded by this.
  private ArrayDeque<ByteBuffer> pending;
  private int pendingBytes;
  protected volatile boolean closed;

  NioChannel(NioLoop loop, SocketChannel channel) {
    this.loop = loop;
    this.channel = channel;
  }

  void key(SelectionKey key) {
    this.key = key;
  }

  /** The socket connected (selector thread). */
  abstract void onConnected() throws IOException;

  /** Handles the complete part of buf[off, end); returns the offset of the first byte not consumed. */
  abstract int consume(byte[] buf, int off, int end) throws IOException;

  /** Ends the channel: closes the socket, tells whoever waits (selector thread). */
  abstract void terminate(Throwable cause);

  void onConnectable() throws IOException {
    if (channel.finishConnect()) {
      key.interestOps(SelectionKey.OP_READ);
      onConnected();
    }
  }

  void onReadable() throws IOException {
    byte[] buf;
    int end;
    int n;
    if (carryLength == 0) {
      ByteBuffer shared = loop.readBuffer();
      shared.clear();
      n = channel.read(shared);
      buf = shared.array();
      end = Math.max(0, n);
    } else {
      if (carry.length - carryLength < CARRY_READ_BYTES) carry = Arrays.copyOf(carry, carryLength + CARRY_READ_BYTES);
      n = channel.read(ByteBuffer.wrap(carry, carryLength, carry.length - carryLength));
      buf = carry;
      end = carryLength + Math.max(0, n);
    }
    if (n < 0) {
      terminate(null);
      return;
    }
    int off = consume(buf, 0, end);
    if (closed) return;
    int left = end - off;
    if (left == 0) {
      carryLength = 0;
      if (carry != null && carry.length > CARRY_READ_BYTES * 2) carry = null;
    } else if (buf == carry) {
      System.arraycopy(carry, off, carry, 0, left);
      carryLength = left;
    } else {
      carry = Arrays.copyOfRange(buf, off, off + Math.max(left, CARRY_READ_BYTES));
      carryLength = left;
    }
  }

  /**
   * Writes {@code data} now, queueing what the socket does not take; false when closed, or when
   * {@code limit} (bytes already queued) is exceeded.
   */
  protected synchronized boolean write(ByteBuffer data, int limit) {
    if (closed) return false;
    try {
      if (pending == null || pending.isEmpty()) {
        channel.write(data);
        if (!data.hasRemaining()) return true;
        if (pending == null) pending = new ArrayDeque<>();
        pending.add(data);
        pendingBytes += data.remaining();
        loop.execute(this::wantWrite);
        return true;
      }
      if (pendingBytes + data.remaining() > limit) return false;
      pending.add(data);
      pendingBytes += data.remaining();
      return true;
    } catch (IOException e) {
      loop.execute(() -> terminate(e));
      return false;
    }
  }

  /** Bytes queued behind a full socket buffer. */
  protected synchronized int pendingBytes() {
    return pendingBytes;
  }

  private void wantWrite() {
    if (key != null && key.isValid()) key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
  }

  synchronized void onWritable() throws IOException {
    while (pending != null && !pending.isEmpty()) {
      ByteBuffer head = pending.peek();
      int before = head.remaining();
      channel.write(head);
      pendingBytes -= before - head.remaining();
      if (head.hasRemaining()) return;
      pending.poll();
    }
    if (key.isValid()) key.interestOps(SelectionKey.OP_READ);
  }

  /** Marks the channel closed and releases the socket; true the first time only. */
  protected boolean closeChannel() {
    synchronized (this) {
      if (closed) return false;
      closed = true;
      pending = null;
    }
    if (key != null) key.cancel();
    NioLoop.closeQuietly(channel);
    return true;
  }
}
