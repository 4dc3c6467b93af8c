package router.metrics;

/** The counters of one deployed stage on this node, bound when the stage is compiled. */
public interface StageMetrics {
  /** Reports nothing. */
  StageMetrics NONE = new StageMetrics() {};

  /** A client sent a message to the stage (API Gateway's MessageCount; the node's messages received). */
  default void messageReceived() {}

  /** A message went to a client: a reply, an error frame or an @connections push (MessageCount; messages sent). */
  default void messageSent() {}

  /** A message was refused before any integration ran: no route matched (API Gateway's ClientError). */
  default void clientError() {}

  /** A mapping template of the stage (request or response) was rendered in {@code nanos}. */
  default void templateRendered(long nanos) {}
}
