package router.loadtest.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A connection of {@link NioWebSocketClient}. Reading, the handshake and frame parsing happen on
 * the selector thread only; writes from any thread are serialised on the connection's monitor.
 */
final class NioConnection implements ClientConnection {

  private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  /** Largest HTTP response head accepted during the upgrade. */
  private static final int MAX_HEAD_BYTES = 16 * 1024;
  /** Extra room when a partial frame is carried over to the next read. */
  private static final int CARRY_READ_BYTES = 64 * 1024;
  private static final int OP_TEXT = 0x1;
  private static final int OP_BINARY = 0x2;
  private static final int OP_CONTINUATION = 0x0;
  private static final int OP_CLOSE = 0x8;
  private static final int OP_PING = 0x9;
  private static final int CLOSE_NORMAL = 1000;

  private final NioWebSocketClient client;
  private final int index;
  private final SocketChannel channel;
  private final FrameListener listener;
  private final CompletableFuture<ClientConnection> upgrade;
  private SelectionKey key;
  private String request;
  private String expectedAccept;
  // Selector thread only.
  private boolean upgraded;
  private byte[] carry;
  private int carryLength;
  private int fragmentOpcode = -1;
  private ByteArrayOutputStream fragments;
  // Guarded by this.
  private ArrayDeque<ByteBuffer> pending;
  private int pendingBytes;
  private boolean closeSent;
  private volatile boolean closing;
  private volatile boolean closed;
  private volatile String connectionId;

  NioConnection(NioWebSocketClient client, int index, SocketChannel channel, FrameListener listener,
      CompletableFuture<ClientConnection> upgrade, String host, String pathAndQuery) {
    this.client = client;
    this.index = index;
    this.channel = channel;
    this.listener = listener;
    this.upgrade = upgrade;
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    String secKey = Base64.getEncoder().encodeToString(nonce);
    this.expectedAccept = accept(secKey);
    this.request = "GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + host
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + secKey
        + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
  }

  /** The Sec-WebSocket-Accept a server must answer to {@code secKey} (RFC 6455 §4.2.2). */
  static String accept(String secKey) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      return Base64.getEncoder().encodeToString(
          sha1.digest((secKey + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  void key(SelectionKey key) {
    this.key = key;
  }

  @Override
  public int index() {
    return index;
  }

  // ---- connect and upgrade (selector thread) ----

  void onConnectable() throws IOException {
    if (channel.finishConnect()) onConnected();
  }

  void onConnected() throws IOException {
    key.interestOps(SelectionKey.OP_READ);
    write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)), true);
    request = null;
  }

  /** Parses the upgrade response head; returns the offset after it, or {@code off} if incomplete. */
  private int parseHead(byte[] buf, int off, int end) throws IOException {
    int headEnd = -1;
    for (int i = off; i + 3 < end; i++) {
      if (buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '\r' && buf[i + 3] == '\n') {
        headEnd = i + 4;
        break;
      }
    }
    if (headEnd < 0) {
      if (end - off > MAX_HEAD_BYTES) throw new IOException("upgrade response head too large");
      return off;
    }
    String head = new String(buf, off, headEnd - off, StandardCharsets.ISO_8859_1);
    String[] lines = head.split("\r\n");
    String[] status = lines[0].split(" ", 3);
    int code = status.length > 1 ? parseStatus(status[1]) : -1;
    String accept = null;
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0 && lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("sec-websocket-accept")) {
        accept = lines[i].substring(colon + 1).trim();
      }
    }
    if (code != 101) {
      upgrade.completeExceptionally(new UpgradeRejected(code, status.length > 2 ? status[2] : ""));
      terminate(null);
      return end;
    }
    if (!expectedAccept.equals(accept)) {
      upgrade.completeExceptionally(new UpgradeRejected(code, "bad Sec-WebSocket-Accept"));
      terminate(null);
      return end;
    }
    upgraded = true;
    expectedAccept = null;
    upgrade.complete(this);
    return headEnd;
  }

  private static int parseStatus(String s) {
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  // ---- reading (selector thread) ----

  void onReadable() throws IOException {
    byte[] buf;
    int end;
    int n;
    if (carryLength == 0) {
      ByteBuffer shared = client.readBuffer();
      shared.clear();
      n = channel.read(shared);
      buf = shared.array();
      end = Math.max(0, n);
    } else {
      if (carry.length - carryLength < CARRY_READ_BYTES) {
        carry = java.util.Arrays.copyOf(carry, carryLength + CARRY_READ_BYTES);
      }
      n = channel.read(ByteBuffer.wrap(carry, carryLength, carry.length - carryLength));
      buf = carry;
      end = carryLength + Math.max(0, n);
    }
    if (n < 0) {
      terminate(null);
      return;
    }
    int off = 0;
    if (!upgraded) {
      off = parseHead(buf, 0, end);
      if (closed) return;
    }
    if (upgraded) off = parseFrames(buf, off, end);
    int left = end - off;
    if (left == 0) {
      carryLength = 0;
      if (carry != null && carry.length > CARRY_READ_BYTES * 2) carry = null;
    } else if (buf == carry) {
      System.arraycopy(carry, off, carry, 0, left);
      carryLength = left;
    } else {
      carry = java.util.Arrays.copyOfRange(buf, off, off + Math.max(left, CARRY_READ_BYTES));
      carryLength = left;
    }
  }

  /** Handles every complete frame in buf[off, end); returns the offset of the first incomplete one. */
  private int parseFrames(byte[] buf, int off, int end) throws IOException {
    while (end - off >= 2 && !closed) {
      int b0 = buf[off] & 0xFF;
      int b1 = buf[off + 1] & 0xFF;
      boolean fin = (b0 & 0x80) != 0;
      int opcode = b0 & 0x0F;
      boolean masked = (b1 & 0x80) != 0;
      long length = b1 & 0x7F;
      int head = 2;
      if (length == 126) {
        if (end - off < 4) break;
        length = ((buf[off + 2] & 0xFF) << 8) | (buf[off + 3] & 0xFF);
        head = 4;
      } else if (length == 127) {
        if (end - off < 10) break;
        length = 0;
        for (int i = 2; i < 10; i++) length = (length << 8) | (buf[off + i] & 0xFF);
        head = 10;
      }
      if (length > Integer.MAX_VALUE - 64) throw new IOException("frame too large: " + length);
      int maskAt = off + head;
      if (masked) head += 4;
      if (end - off < head + length) break;
      int payload = off + head;
      int len = (int) length;
      if (masked) {
        for (int i = 0; i < len; i++) buf[payload + i] ^= buf[maskAt + (i & 3)];
      }
      onFrame(fin, opcode, buf, payload, len);
      off = payload + len;
    }
    return off;
  }

  private void onFrame(boolean fin, int opcode, byte[] buf, int off, int len) throws IOException {
    switch (opcode) {
      case OP_TEXT, OP_BINARY -> {
        if (fin) {
          deliver(opcode, buf, off, len);
        } else {
          fragmentOpcode = opcode;
          fragments = new ByteArrayOutputStream(len * 2);
          fragments.write(buf, off, len);
        }
      }
      case OP_CONTINUATION -> {
        if (fragments == null) throw new IOException("continuation frame without a start");
        fragments.write(buf, off, len);
        if (fin) {
          byte[] whole = fragments.toByteArray();
          int op = fragmentOpcode;
          fragments = null;
          fragmentOpcode = -1;
          deliver(op, whole, 0, whole.length);
        }
      }
      case OP_CLOSE -> {
        sendClose(len >= 2 ? ((buf[off] & 0xFF) << 8) | (buf[off + 1] & 0xFF) : CLOSE_NORMAL);
        terminate(null);
      }
      case OP_PING -> write(frame(0xA, buf, off, len), true);
      default -> {
        // Pong or a reserved opcode: nothing to do.
      }
    }
  }

  private void deliver(int opcode, byte[] buf, int off, int len) {
    if (opcode == OP_TEXT) {
      listener.onText(this, new String(buf, off, len, StandardCharsets.UTF_8));
    } else {
      listener.onBinary(this);
    }
  }

  // ---- writing (any thread) ----

  @Override
  public SendResult send(String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    return write(frame(OP_TEXT, payload, 0, payload.length), false);
  }

  /** A masked frame (client frames are always masked, RFC 6455 §5.3). */
  private static ByteBuffer frame(int opcode, byte[] payload, int off, int len) {
    int head = len < 126 ? 2 : len <= 0xFFFF ? 4 : 10;
    byte[] f = new byte[head + 4 + len];
    f[0] = (byte) (0x80 | opcode);
    if (len < 126) {
      f[1] = (byte) (0x80 | len);
    } else if (len <= 0xFFFF) {
      f[1] = (byte) (0x80 | 126);
      f[2] = (byte) (len >>> 8);
      f[3] = (byte) len;
    } else {
      f[1] = (byte) (0x80 | 127);
      for (int i = 0; i < 8; i++) f[2 + i] = (byte) (((long) len) >>> (56 - 8 * i));
    }
    int mask = ThreadLocalRandom.current().nextInt();
    f[head] = (byte) (mask >>> 24);
    f[head + 1] = (byte) (mask >>> 16);
    f[head + 2] = (byte) (mask >>> 8);
    f[head + 3] = (byte) mask;
    int p = head + 4;
    for (int i = 0; i < len; i++) f[p + i] = (byte) (payload[off + i] ^ f[head + (i & 3)]);
    return ByteBuffer.wrap(f);
  }

  private synchronized SendResult write(ByteBuffer frame, boolean control) {
    if (closed || (closeSent && !control)) return SendResult.CLOSED;
    try {
      if (pending == null || pending.isEmpty()) {
        channel.write(frame);
        if (!frame.hasRemaining()) return SendResult.SENT;
        if (pending == null) pending = new ArrayDeque<>();
        pending.add(frame);
        pendingBytes += frame.remaining();
        client.runOnIoThread(this::wantWrite);
        return SendResult.SENT;
      }
      if (!control && pendingBytes + frame.remaining() > client.maxPendingBytes()) return SendResult.QUEUE_FULL;
      pending.add(frame);
      pendingBytes += frame.remaining();
      return SendResult.SENT;
    } catch (IOException e) {
      client.runOnIoThread(() -> terminate(e));
      return SendResult.CLOSED;
    }
  }

  private void wantWrite() {
    if (key.isValid()) key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
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

  private void sendClose(int code) {
    synchronized (this) {
      if (closeSent) return;
      closeSent = true;
    }
    byte[] status = {(byte) (code >>> 8), (byte) code};
    write(frame(OP_CLOSE, status, 0, status.length), true);
  }

  // ---- closing ----

  @Override
  public void close() {
    closing = true;
    if (!closed) client.runOnIoThread(() -> sendClose(CLOSE_NORMAL));
  }

  /** Ends the connection (selector thread): closes the socket, tells the listener or the upgrade. */
  void terminate(Throwable cause) {
    synchronized (this) {
      if (closed) return;
      closed = true;
      pending = null;
    }
    if (key != null) key.cancel();
    NioWebSocketClient.closeQuietly(channel);
    if (!upgrade.isDone()) {
      upgrade.completeExceptionally(cause != null ? cause : new IOException("closed before the upgrade completed"));
    } else if (upgraded) {
      listener.onClosed(this, closing);
    }
  }

  @Override
  public boolean closing() {
    return closing;
  }

  @Override
  public boolean closed() {
    return closed;
  }

  @Override
  public String connectionId() {
    return connectionId;
  }

  @Override
  public void connectionId(String id) {
    this.connectionId = id;
  }
}
