package router.loadtest.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket connection of {@link NioWebSocketClient}: the upgrade, frame parsing, ping/pong and
 * the close handshake on the selector thread; text frames written from any thread.
 */
final class NioConnection extends NioChannel implements ClientConnection {

  private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  /** Largest HTTP response head accepted during the upgrade. */
  private static final int MAX_HEAD_BYTES = 16 * 1024;
  private static final int OP_CONTINUATION = 0x0;
  private static final int OP_TEXT = 0x1;
  private static final int OP_BINARY = 0x2;
  private static final int OP_CLOSE = 0x8;
  private static final int OP_PING = 0x9;
  private static final int OP_PONG = 0xA;
  private static final int CLOSE_NORMAL = 1000;
  /** Control frames (pong, close) are never refused for a full queue. */
  private static final int NO_LIMIT = Integer.MAX_VALUE;

  private final int index;
  private final FrameListener listener;
  private final CompletableFuture<ClientConnection> upgrade;
  private final int maxPendingBytes;
  private String request;
  private String expectedAccept;
  // Selector thread only.
  private boolean upgraded;
  private int fragmentOpcode = -1;
  private boolean closeReceived;
  private ByteArrayOutputStream fragments;
  // Guarded by this.
  private boolean closeSent;
  private volatile boolean closing;
  private volatile String connectionId;

  NioConnection(NioLoop loop, SocketChannel channel, int index, FrameListener listener,
      CompletableFuture<ClientConnection> upgrade, String host, String pathAndQuery, int maxPendingBytes) {
    super(loop, channel);
    this.index = index;
    this.listener = listener;
    this.upgrade = upgrade;
    this.maxPendingBytes = maxPendingBytes;
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
    MessageDigest sha1 = SHA1.get();
    return Base64.getEncoder().encodeToString(sha1.digest((secKey + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII)));
  }

  /** One digest per thread: MessageDigest.getInstance searches the providers on every call. */
  private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  });

  @Override
  public int index() {
    return index;
  }

  @Override
  void onConnected() {
    write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)), NO_LIMIT);
    request = null;
  }

  @Override
  int consume(byte[] buf, int off, int end) throws IOException {
    if (!upgraded) {
      off = parseHead(buf, off, end);
      if (!upgraded) return off;
    }
    return parseFrames(buf, off, end);
  }

  /** Parses the upgrade response head; returns the offset after it, or {@code off} if incomplete. */
  private int parseHead(byte[] buf, int off, int end) throws IOException {
    int headEnd = HttpHead.end(buf, off, end);
    if (headEnd < 0) {
      if (end - off > MAX_HEAD_BYTES) throw new IOException("upgrade response head too large");
      return off;
    }
    HttpHead head = HttpHead.parse(buf, off, headEnd);
    String accept = head.header("sec-websocket-accept");
    if (head.status() != 101) {
      upgrade.completeExceptionally(new UpgradeRejected(head.status(), head.reason()));
      terminate(null);
      return end;
    }
    if (!expectedAccept.equals(accept)) {
      upgrade.completeExceptionally(new UpgradeRejected(head.status(), "bad Sec-WebSocket-Accept"));
      terminate(null);
      return end;
    }
    upgraded = true;
    expectedAccept = null;
    upgrade.complete(this);
    return headEnd;
  }

  /** Handles every complete frame in buf[off, end); returns the offset of the first incomplete one. */
  private int parseFrames(byte[] buf, int off, int end) throws IOException {
    while (end - off >= 2 && !closed && !closeReceived) {
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
        // Answer the close, then wait for the server to close the TCP connection first (RFC 6455
        // §7.1.1), so TIME_WAIT stays on the server's side and the client's ports stay free.
        sendClose(len >= 2 ? ((buf[off] & 0xFF) << 8) | (buf[off + 1] & 0xFF) : CLOSE_NORMAL);
        closeReceived = true;
      }
      case OP_PING -> write(frame(OP_PONG, buf, off, len), NO_LIMIT);
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

  @Override
  public SendResult send(String text) {
    if (closed || closeSent()) return SendResult.CLOSED;
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    if (write(frame(OP_TEXT, payload, 0, payload.length), maxPendingBytes)) return SendResult.SENT;
    return closed ? SendResult.CLOSED : SendResult.QUEUE_FULL;
  }

  private synchronized boolean closeSent() {
    return closeSent;
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

  private void sendClose(int code) {
    synchronized (this) {
      if (closeSent) return;
      closeSent = true;
    }
    byte[] status = {(byte) (code >>> 8), (byte) code};
    write(frame(OP_CLOSE, status, 0, status.length), NO_LIMIT);
  }

  @Override
  public void close() {
    closing = true;
    if (!closed) loop.execute(() -> sendClose(CLOSE_NORMAL));
  }

  @Override
  void terminate(Throwable cause) {
    if (!closeChannel()) return;
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
