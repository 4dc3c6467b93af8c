package router.node.ws;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;

/** A WebSocket client on a plain socket, for sending frames that no well-behaved client library would send. */
final class RawWebSocket implements AutoCloseable {
  static final int FIN = 0x80;
  static final int RSV1 = 0x40;
  static final int CONTINUATION = 0x0;
  static final int TEXT = 0x1;
  static final int BINARY = 0x2;
  static final int CLOSE = 0x8;
  static final int PING = 0x9;
  static final int PONG = 0xA;

  private static final int OPCODE_BITS = 0x0F;
  private static final int MASK_BIT = 0x80;
  private static final int LENGTH_BITS = 0x7F;
  private static final int MAX_SHORT_LENGTH = 125;
  private static final int LENGTH_16 = 126;
  private static final int MAX_16_BIT_LENGTH = 0xFFFF;
  private static final int LENGTH_64 = 127;
  private static final int MASK_KEY_BYTES = 4;
  /** Any base64 of 16 bytes will do (RFC 6455 §4.1); this one is the RFC's own example. */
  private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
  private static final String END_OF_HEADERS = "\r\n\r\n";

  /** A frame read from the server. */
  record Frame(int opcode, boolean fin, byte[] payload) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    int closeCode() {
      return Short.toUnsignedInt(ByteBuffer.wrap(payload).getShort());
    }
  }

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private final Random random = new Random();

  private RawWebSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /** Opens a socket and completes the RFC 6455 §4.1 handshake by hand. */
  static RawWebSocket connect(int port, String path, Duration readTimeout) throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout((int) readTimeout.toMillis());
    socket.setTcpNoDelay(true);
    RawWebSocket ws = new RawWebSocket(socket);
    String request = "GET " + path + " HTTP/1.1\r\n"
        + "Host: 127.0.0.1:" + port + "\r\n"
        + "Upgrade: websocket\r\n"
        + "Connection: Upgrade\r\n"
        + "Sec-WebSocket-Key: " + KEY + "\r\n"
        + "Sec-WebSocket-Version: 13\r\n"
        + "\r\n";
    ws.out.write(request.getBytes(StandardCharsets.US_ASCII));
    ws.out.flush();
    String response = ws.readHeaders();
    if (!response.startsWith("HTTP/1.1 101")) {
      socket.close();
      throw new IOException("Upgrade refused: " + response);
    }
    return ws;
  }

  /** Sends a masked frame, as a client must. */
  void send(int flagsAndOpcode, byte[] payload) throws IOException {
    byte[] key = new byte[MASK_KEY_BYTES];
    random.nextBytes(key);
    writeHeader(flagsAndOpcode, payload.length, MASK_BIT);
    out.write(key);
    byte[] masked = new byte[payload.length];
    for (int i = 0; i < payload.length; i++) {
      masked[i] = (byte) (payload[i] ^ key[i % MASK_KEY_BYTES]);
    }
    out.write(masked);
    out.flush();
  }

  /** Sends a frame without the mask a client must apply (RFC 6455 §5.1). */
  void sendUnmasked(int flagsAndOpcode, byte[] payload) throws IOException {
    writeHeader(flagsAndOpcode, payload.length, 0);
    out.write(payload);
    out.flush();
  }

  void sendText(String text) throws IOException {
    send(FIN | TEXT, text.getBytes(StandardCharsets.UTF_8));
  }

  void sendClose(int code) throws IOException {
    send(FIN | CLOSE, closePayload(code));
  }

  static byte[] closePayload(int code) {
    return ByteBuffer.allocate(Short.BYTES).putShort((short) code).array();
  }

  Frame read() throws IOException {
    int first = in.readUnsignedByte();
    int second = in.readUnsignedByte();
    long length = second & LENGTH_BITS;
    if (length == LENGTH_16) {
      length = in.readUnsignedShort();
    } else if (length == LENGTH_64) {
      length = in.readLong();
    }
    if ((second & MASK_BIT) != 0) {
      throw new IOException("Server frames must not be masked (RFC 6455 §5.1)");
    }
    byte[] payload = new byte[Math.toIntExact(length)];
    in.readFully(payload);
    return new Frame(first & OPCODE_BITS, (first & FIN) != 0, payload);
  }

  /** Reads frames until the server's close frame and returns it. */
  Frame readClose() throws IOException {
    Frame frame = read();
    while (frame.opcode() != CLOSE) {
      frame = read();
    }
    return frame;
  }

  /** Whether the server closed the TCP connection (rather than the read timing out). */
  boolean atEndOfStream() throws IOException {
    return in.read() == -1;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private void writeHeader(int flagsAndOpcode, int length, int maskBit) throws IOException {
    out.write(flagsAndOpcode);
    if (length <= MAX_SHORT_LENGTH) {
      out.write(maskBit | length);
    } else if (length <= MAX_16_BIT_LENGTH) {
      out.write(maskBit | LENGTH_16);
      out.write(ByteBuffer.allocate(Short.BYTES).putShort((short) length).array());
    } else {
      out.write(maskBit | LENGTH_64);
      out.write(ByteBuffer.allocate(Long.BYTES).putLong(length).array());
    }
  }

  private String readHeaders() throws IOException {
    ByteArrayOutputStream headers = new ByteArrayOutputStream();
    while (!headers.toString(StandardCharsets.US_ASCII).endsWith(END_OF_HEADERS)) {
      headers.write(in.readUnsignedByte()); // byte by byte, so no frame bytes are read as part of the headers
    }
    return headers.toString(StandardCharsets.US_ASCII);
  }
}
