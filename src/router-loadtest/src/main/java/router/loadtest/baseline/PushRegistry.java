package router.loadtest.baseline;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The baseline's push side: each WebSocket connection gets an id and a bounded outbound queue;
 * {@code {"action":"whoami"}} is answered with {@code {"connectionId":"..."}}, anything else is
 * echoed, and a POST to @connections/{id} becomes one text frame on that connection.
 */
public final class PushRegistry {

  /** Outbound frames queued per connection before a push answers 429 (like LimitExceeded). */
  private static final int QUEUE_SIZE = 1024;
  private static final String WHOAMI = "\"whoami\"";

  private final ConcurrentHashMap<String, BoundedSourceQueue<Message>> connections = new ConcurrentHashMap<>();
  private final AtomicLong counter = new AtomicLong();
  private final long salt = new SecureRandom().nextLong();

  /** A fresh connection flow: registered while materialized. */
  public Flow<Message, Message, ?> connectionFlow() {
    return Flow.fromMaterializer((materializer, attributes) -> {
      String id = nextId();
      Pair<BoundedSourceQueue<Message>, Source<Message, NotUsed>> queue =
          Source.<Message>queue(QUEUE_SIZE).preMaterialize(materializer);
      connections.put(id, queue.first());
      String whoamiReply = "{\"connectionId\":\"" + id + "\"}";
      return Flow.<Message>create()
          .map(m -> isWhoami(m) ? TextMessage.create(whoamiReply) : m)
          .merge(queue.second(), true)
          .watchTermination((notUsed, done) -> {
            done.whenComplete((d, e) -> {
              connections.remove(id);
              queue.first().complete();
            });
            return notUsed;
          });
    });
  }

  private static boolean isWhoami(Message m) {
    return m.isText() && m.asTextMessage().isStrict() && m.asTextMessage().getStrictText().contains(WHOAMI);
  }

  /** Pushes {@code body} to connection {@code id}: 200, 410 (unknown id) or 429 (queue full). */
  public StatusCode push(String id, String body) {
    BoundedSourceQueue<Message> queue = connections.get(id);
    if (queue == null) return StatusCodes.GONE;
    QueueOfferResult r = queue.offer(TextMessage.create(body));
    if (r == QueueOfferResult.enqueued()) return StatusCodes.OK;
    if (r == QueueOfferResult.dropped()) return StatusCodes.TOO_MANY_REQUESTS;
    return StatusCodes.GONE;
  }

  /** Connections currently registered. */
  public int size() {
    return connections.size();
  }

  private String nextId() {
    // 12 bytes → 16 base64url characters, the length of an API Gateway connectionId.
    ByteBuffer b = ByteBuffer.allocate(12).putLong(salt ^ counter.incrementAndGet()).putInt((int) System.nanoTime());
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
  }
}
