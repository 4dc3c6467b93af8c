package router.tests;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * HTTP/1.1 and WebSocket over a plain socket to 127.0.0.1, for what the JDK clients cannot do: send any
 * {@code Host} header (the host-based execute-api form), and be a WebSocket client that never reads.
 */
final class RawSocket implements AutoCloseable {
  private static final int TIMEOUT_MILLIS = 10_000;

  /** A response: status, headers (names lower-case), body. */
  record Response(int status, Map<String, String> headers, String body) {}

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  private RawSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  private static Socket open(int port, int receiveBuffer) throws IOException {
    Socket socket = new Socket();
    if (receiveBuffer > 0) socket.setReceiveBufferSize(receiveBuffer); // before connect: sets the TCP window
    socket.setSoTimeout(TIMEOUT_MILLIS);
    socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
    return socket;
  }

  /** One HTTP request with this {@code Host} header, on its own connection. */
  static Response http(int port, String method, String host, String path, byte[] body) throws IOException {
    try (RawSocket raw = new RawSocket(open(port, 0))) {
      raw.out.write((method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: " + body.length
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      raw.out.write(body);
      raw.out.flush();
      Response head = raw.readHead();
      String length = head.headers().get("content-length");
      byte[] content = length != null ? raw.in.readNBytes(Integer.parseInt(length)) : raw.in.readAllBytes();
      return new Response(head.status(), head.headers(), new String(content, StandardCharsets.UTF_8));
    }
  }

  /**
   * A WebSocket upgrade with this {@code Host} header; {@code receiveBuffer} (bytes, 0 for the default) sizes the
   * client's TCP window. Returns the open socket; fails if the server does not answer 101.
   */
  static RawSocket webSocket(int port, String host, String path, int receiveBuffer) throws IOException {
    RawSocket raw = new RawSocket(open(port, receiveBuffer));
    byte[] key = new byte[16];
    ThreadLocalRandom.current().nextBytes(key);
    raw.out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\nSec-WebSocket-Version: 13\r\n"
        + "User-Agent: raw-socket-test\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    raw.out.flush();
    Response head = raw.readHead();
    if (head.status() != 101) {
      raw.close();
      throw new AssertionError("upgrade refused: " + head);
    }
    return raw;
  }

  /** Sends a masked text frame (RFC 6455 §5.3: clients mask). */
  void sendText(String text) throws IOException {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    if (payload.length > 125) throw new IllegalArgumentException("short frames only");
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(0x81);
    frame.write(0x80 | payload.length);
    frame.write(mask);
    for (int i = 0; i < payload.length; i++) frame.write(payload[i] ^ mask[i % 4]);
    out.write(frame.toByteArray());
    out.flush();
  }

  /** Reads the next unfragmented data frame from the server and returns its payload as text. */
  String readText() throws IOException {
    int first = in.readUnsignedByte();
    int second = in.readUnsignedByte();
    long length = second & 0x7F;
    if (length == 126) length = in.readUnsignedShort();
    else if (length == 127) length = in.readLong();
    byte[] payload = in.readNBytes((int) length);
    if ((first & 0x0F) == 0x8) throw new AssertionError("closed by the server");
    return new String(payload, StandardCharsets.UTF_8);
  }

  private Response readHead() throws IOException {
    String status = readLine(in);
    Map<String, String> headers = new HashMap<>();
    for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
      int colon = line.indexOf(':');
      headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
    }
    return new Response(Integer.parseInt(status.split(" ")[1]), headers, "");
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) throw new IOException("connection closed in the response head");
      if (c != '\r') line.append((char) c);
    }
    return line.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
