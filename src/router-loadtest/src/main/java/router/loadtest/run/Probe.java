package router.loadtest.run;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorSystem;
import router.loadtest.client.ClientConnection;
import router.loadtest.client.FrameListener;
import router.loadtest.client.PayloadTemplate;
import router.loadtest.client.WebSocketClient;
import router.loadtest.json.JsonFields;

/**
 * One connection, a few messages, every reply printed: checks that a target answers and echoes
 * the sequence id before a run is spent on it.
 */
public final class Probe implements FrameListener {

  private final LoadSettings settings;
  private final ActorSystem system;
  private final List<String> replies = new CopyOnWriteArrayList<>();

  /** A probe of {@code count} messages (at least one) to the settings' URL. */
  public Probe(LoadSettings settings, ActorSystem system) {
    this.settings = settings;
    this.system = system;
  }

  /**
   * Sends the messages one after another, printing each reply on {@code out}; returns how many
   * were answered: by a reply carrying the message's sequence id, or with {@code match = order}
   * by any reply that is not an API Gateway error frame.
   */
  public int run(PrintStream out) throws Exception {
    long n = Math.max(1, settings.count());
    PayloadTemplate payload = new PayloadTemplate(settings.payload(), settings.action(), settings.size());
    int echoed = 0;
    try (WebSocketClient client = settings.newClient(system, 1)) {
      ClientConnection c = client.open(0, this).toCompletableFuture()
          .get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
      for (long seq = 0; seq < n; seq++) {
        int before = replies.size();
        c.send(payload.render(seq));
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        while (replies.size() == before && System.nanoTime() < deadline) Thread.sleep(1);
        if (replies.size() == before) {
          out.println("(no reply to seq " + seq + " within " + settings.timeout() + ")");
          continue;
        }
        String reply = replies.get(before);
        out.println(reply);
        boolean answered = settings.matchByOrder()
            ? !MessageRun.isErrorFrame(reply) && !reply.startsWith("(")
            : JsonFields.longField(reply, MessageRun.SEQ_FIELD) == seq;
        if (answered) echoed++;
      }
      c.close();
    }
    return echoed;
  }

  @Override
  public void onText(ClientConnection connection, String text) {
    replies.add(text);
  }

  @Override
  public void onClosed(ClientConnection connection, boolean byUs) {
    if (!byUs) replies.add("(closed by the server)");
  }
}
