package router.runtime;

import org.apache.pekko.util.ByteString;

/** One complete WebSocket message received from a client, already reassembled from frames and size-checked. */
public sealed interface ClientMessage {

  /** A text message, UTF-8 validated. */
  record Text(String text) implements ClientMessage {}

  /** A binary message. */
  record Binary(ByteString bytes) implements ClientMessage {}
}
