package router.loadtest.client;

import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;

/** A connection of {@link PekkoHttpClient}: a bounded outbound queue into the pekko-http client stream. */
final class PekkoHttpConnection implements ClientConnection {

  private final int index;
  private volatile BoundedSourceQueue<Message> outbound;
  private volatile boolean closing;
  private volatile boolean closed;
  private volatile String connectionId;

  PekkoHttpConnection(int index) {
    this.index = index;
  }

  void outbound(BoundedSourceQueue<Message> queue) {
    this.outbound = queue;
  }

  @Override
  public int index() {
    return index;
  }

  @Override
  public SendResult send(String text) {
    if (closed) return SendResult.CLOSED;
    QueueOfferResult r = outbound.offer(TextMessage.create(text));
    if (r == QueueOfferResult.enqueued()) return SendResult.SENT;
    if (r == QueueOfferResult.dropped()) return SendResult.QUEUE_FULL;
    return SendResult.CLOSED;
  }

  @Override
  public void close() {
    closing = true;
    BoundedSourceQueue<Message> q = outbound;
    if (q != null && !q.isCompleted()) q.complete();
  }

  @Override
  public boolean closing() {
    return closing;
  }

  @Override
  public boolean closed() {
    return closed;
  }

  void markClosed() {
    closed = true;
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
