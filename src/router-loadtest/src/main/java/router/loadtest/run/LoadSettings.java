package router.loadtest.run;

import com.typesafe.config.Config;
import java.net.URI;
import java.time.Duration;
import org.apache.pekko.actor.ActorSystem;
import router.loadtest.client.Loopback;
import router.loadtest.client.NioWebSocketClient;
import router.loadtest.client.PekkoHttpClient;
import router.loadtest.client.SourceAddresses;
import router.loadtest.client.WebSocketClient;

/** The settings of one load run, read from {@code router.loadtest} (see reference.conf). */
public record LoadSettings(
    URI url,
    java.util.List<URI> urls,
    int connections,
    double rate,
    int inFlight,
    Duration duration,
    long count,
    Duration warmup,
    Duration timeout,
    String payload,
    String match,
    String action,
    int size,
    String sourceAddresses,
    int connectConcurrency,
    int sendQueue,
    String client,
    Duration reportInterval,
    boolean progress,
    String json,
    String html,
    String label,
    long targetPid,
    String pushUrl,
    String whoamiAction,
    String idField,
    Duration hold,
    Duration settle,
    boolean measureMemory,
    String httpBody) {

  /** {@code http-body} value: the payload wrapped in a Lambda proxy event. */
  public static final String HTTP_BODY_LAMBDA_EVENT = "lambda-event";
  /** {@code http-body} value: the payload as it is. */
  public static final String HTTP_BODY_RAW = "raw";

  /** Smallest frame size assumed when sizing the nio client's send queue in bytes. */
  private static final int MIN_FRAME_BYTES = 64;

  /** Config path of the tool's settings. */
  public static final String PATH = "router.loadtest";

  /** Reads and validates the settings under {@link #PATH}. */
  public static LoadSettings from(Config root) {
    Config c = root.getConfig(PATH);
    LoadSettings s = new LoadSettings(
        urls(c.getString("url")).get(0),
        urls(c.getString("url")),
        c.getInt("connections"),
        c.getDouble("rate"),
        c.getInt("in-flight"),
        c.getDuration("duration"),
        c.getLong("count"),
        c.getDuration("warmup"),
        c.getDuration("timeout"),
        c.getString("payload"),
        c.getString("match"),
        c.getString("action"),
        c.getInt("size"),
        c.getString("source-addresses"),
        c.getInt("connect-concurrency"),
        c.getInt("send-queue"),
        c.getString("client"),
        c.getDuration("report-interval"),
        c.getBoolean("progress"),
        c.getString("json"),
        c.getString("html"),
        c.getString("label"),
        c.getLong("target-pid"),
        c.getString("push-url"),
        c.getString("whoami-action"),
        c.getString("id-field"),
        c.getDuration("hold"),
        c.getDuration("settle"),
        c.getBoolean("measure-memory"),
        c.getString("http-body"));
    s.validate();
    return s;
  }

  /** The URLs of {@code url}: one, or several separated by commas (repeated --url). */
  static java.util.List<URI> urls(String url) {
    java.util.List<URI> urls = new java.util.ArrayList<>();
    for (String u : url.split(",")) {
      if (!u.isBlank()) urls.add(Loopback.requireLoopback(URI.create(u.strip())));
    }
    if (urls.isEmpty()) throw new IllegalArgumentException("url must name at least one ws:// URL");
    return java.util.List.copyOf(urls);
  }

  private void validate() {
    require(connections >= 1, "connections must be at least 1");
    require(rate >= 0, "rate must be >= 0");
    require(rate > 0 || inFlight >= 1, "closed loop (rate 0) needs in-flight >= 1");
    require(count > 0 || !duration.isZero(), "give a duration or a count");
    require(count > 0 || warmup.compareTo(duration) < 0, "warmup must be shorter than duration");
    require(!timeout.isZero() && !timeout.isNegative(), "timeout must be positive");
    require(payload.contains("${seq}"), "payload template must contain ${seq}");
    require(match.equals("seq") || match.equals("order"), "match must be seq or order");
    require(connectConcurrency >= 1, "connect-concurrency must be at least 1");
    require(sendQueue >= 1, "send-queue must be at least 1");
    require(client.equals("nio") || client.equals("pekko-http"), "client must be nio or pekko-http");
    require(httpBody.equals(HTTP_BODY_RAW) || httpBody.equals(HTTP_BODY_LAMBDA_EVENT),
        "http-body must be raw or lambda-event");
    require(!reportInterval.isZero() && !reportInterval.isNegative(), "report-interval must be positive");
  }

  private static void require(boolean ok, String message) {
    if (!ok) throw new IllegalArgumentException(message);
  }

  /** True when replies are paired with messages by order rather than by their seq field. */
  public boolean matchByOrder() {
    return match.equals("order");
  }

  /** True for open loop (fixed rate), false for closed loop (fixed in-flight). */
  public boolean openLoop() {
    return rate > 0;
  }

  /**
   * The WebSocket client these settings ask for, for {@code concurrent} connections open at once
   * (which decides the "auto" source addresses).
   */
  public WebSocketClient newClient(ActorSystem system, int concurrent) {
    if (urls.size() == 1) return newClient(system, url, concurrent);
    // Several URLs (nodes of a cluster): connection i goes to URL i mod n.
    int each = (concurrent + urls.size() - 1) / urls.size();
    java.util.List<WebSocketClient> clients = new java.util.ArrayList<>();
    for (URI u : urls) clients.add(newClient(system, u, each));
    return new SpreadClient(clients);
  }

  private WebSocketClient newClient(ActorSystem system, URI target, int concurrent) {
    SourceAddresses sources = SourceAddresses.parse(sourceAddresses, concurrent);
    if (client.equals("pekko-http")) return new PekkoHttpClient(system, target, sources, sendQueue);
    return new NioWebSocketClient(target, sources, sendQueue * Math.max(size, MIN_FRAME_BYTES));
  }
}
