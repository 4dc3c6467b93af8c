package router.runtime;

import org.apache.pekko.util.ByteString;

/** What the engine sends towards a client socket: a text or binary frame, or a close with a status code. */
public sealed interface ServerMessage {

  /** A text message to the client. */
  record Text(String text) implements ServerMessage {}

  /** A binary message to the client ({@code @connections} data that is not UTF-8 text, as API Gateway sends it). */
  record Binary(ByteString bytes) implements ServerMessage {}

  /**
   * Close the connection with an RFC 6455 status code (1000 normal, 1001 going away, 1003 unsupported data, 1009
   * message too big, 1011 internal error) and a short reason.
   */
  record Close(int code, String reason) implements ServerMessage {}
}
