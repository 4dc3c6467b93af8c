package router.loadtest.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * One keep-alive HTTP/1.1 connection of {@link NioHttpClient}: requests are written as they come
 * (pipelined), responses are read in order and matched to the requests' tags.
 */
final class HttpConnection extends NioChannel {

  /** Requests are never refused for a full queue: the caller's in-flight limit bounds them. */
  private static final int NO_LIMIT = Integer.MAX_VALUE;
  /** Largest response head accepted. */
  private static final int MAX_HEAD_BYTES = 16 * 1024;

  private final NioHttpClient.ResponseListener listener;
  // Guarded by this.
  private final TagQueue tags = new TagQueue();
  private List<byte[]> beforeConnect = new ArrayList<>();

  HttpConnection(NioLoop loop, SocketChannel channel, NioHttpClient.ResponseListener listener) {
    super(loop, channel);
    this.listener = listener;
  }

  synchronized void post(long tag, byte[] request) {
    if (closed) {
      listener.onResponse(tag, 0);
      return;
    }
    tags.push(tag);
    if (beforeConnect != null) {
      beforeConnect.add(request);
    } else if (!write(ByteBuffer.wrap(request), NO_LIMIT)) {
      tags.dropLast();
      listener.onResponse(tag, 0);
    }
  }

  @Override
  synchronized void onConnected() {
    List<byte[]> waiting = beforeConnect;
    beforeConnect = null;
    for (byte[] request : waiting) write(ByteBuffer.wrap(request), NO_LIMIT);
  }

  @Override
  int consume(byte[] buf, int off, int end) throws IOException {
    while (off < end && !closed) {
      int headEnd = HttpHead.end(buf, off, end);
      if (headEnd < 0) {
        if (end - off > MAX_HEAD_BYTES) throw new IOException("response head too large");
        return off;
      }
      HttpHead head = HttpHead.parse(buf, off, headEnd);
      int bodyEnd = bodyEnd(head, buf, headEnd, end);
      if (bodyEnd < 0) return off;
      long tag;
      synchronized (this) {
        tag = tags.poll();
      }
      if (tag >= 0 && head.status() >= 200) listener.onResponse(tag, head.status());
      off = bodyEnd;
      if ("close".equalsIgnoreCase(head.header("connection"))) terminate(null);
    }
    return off;
  }

  /** End of the body after {@code headEnd}, or -1 while incomplete. */
  private static int bodyEnd(HttpHead head, byte[] buf, int headEnd, int end) throws IOException {
    String length = head.header("content-length");
    if (length != null) {
      int n = Integer.parseInt(length.trim());
      return end - headEnd >= n ? headEnd + n : -1;
    }
    if ("chunked".equalsIgnoreCase(head.header("transfer-encoding"))) {
      int p = headEnd;
      while (true) {
        int lineEnd = lineEnd(buf, p, end);
        if (lineEnd < 0) return -1;
        String sizeText = new String(buf, p, lineEnd - p, java.nio.charset.StandardCharsets.ISO_8859_1);
        int semicolon = sizeText.indexOf(';');
        int size = Integer.parseInt((semicolon < 0 ? sizeText : sizeText.substring(0, semicolon)).trim(), 16);
        p = lineEnd + 2;
        if (size == 0) return end - p >= 2 ? p + 2 : -1;
        if (end - p < size + 2) return -1;
        p += size + 2;
      }
    }
    // No length: a 1xx, 204 or 304 has no body; anything else would be delimited by the close.
    return headEnd;
  }

  private static int lineEnd(byte[] buf, int from, int end) {
    for (int i = from; i + 1 < end; i++) if (buf[i] == '\r' && buf[i + 1] == '\n') return i;
    return -1;
  }

  @Override
  void terminate(Throwable cause) {
    if (!closeChannel()) return;
    long tag;
    while (true) {
      synchronized (this) {
        tag = tags.poll();
      }
      if (tag < 0) return;
      listener.onResponse(tag, 0);
    }
  }
}
