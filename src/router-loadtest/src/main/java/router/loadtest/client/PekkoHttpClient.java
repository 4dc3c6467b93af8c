package router.loadtest.client;

import java.net.URI;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.model.ws.WebSocketRequest;
import org.apache.pekko.http.javadsl.model.ws.WebSocketUpgradeResponse;
import org.apache.pekko.http.javadsl.settings.ClientConnectionSettings;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The pekko-http WebSocket client ({@code client = pekko-http}): one stream per connection, a
 * bounded outbound queue, inbound frames handed to a {@link FrameListener}. Kept as a cross-check
 * of {@link NioWebSocketClient}; it costs several times more CPU per message.
 */
public final class PekkoHttpClient implements WebSocketClient {

  /** How long a streamed (fragmented) inbound text frame may take to arrive in full. */
  private static final long STRICT_TIMEOUT_MILLIS = 10_000;

  private final Http http;
  private final Materializer materializer;
  private final LoggingAdapter log;
  private final URI url;
  private final SourceAddresses sources;
  private final ClientConnectionSettings[] settingsBySource;
  private final ClientConnectionSettings defaultSettings;
  private final int queueSize;

  /** Connections to {@code url}, bound round robin to {@code sources}, {@code queueSize} frames of outbound queue. */
  public PekkoHttpClient(ActorSystem system, URI url, SourceAddresses sources, int queueSize) {
    this.http = Http.get(system);
    this.materializer = Materializer.matFromSystem(system);
    this.log = system.log();
    this.url = url;
    this.sources = sources;
    this.queueSize = queueSize;
    // Frame masking needs no cryptographic randomness on loopback; SecureRandom per connection is costly.
    this.defaultSettings = ClientConnectionSettings.create(system)
        .withWebsocketRandomFactory(Random::new);
    this.settingsBySource = new ClientConnectionSettings[sources.addresses().size()];
    for (int i = 0; i < settingsBySource.length; i++) {
      settingsBySource[i] = defaultSettings.withLocalAddress(Optional.of(sources.addresses().get(i)));
    }
  }

  /**
   * Opens connection number {@code index}; completes with it once the upgrade succeeded, or
   * exceptionally (connect error, or a non-101 answer such as a 403 from a $connect route).
   */
  @Override
  public CompletionStage<ClientConnection> open(int index, FrameListener listener) {
    // Created before the stream so the inbound sink captures it; the queue is set right after.
    PekkoHttpConnection connection = new PekkoHttpConnection(index);
    Sink<Message, CompletionStage<Done>> inbound = Sink.foreach(m -> onMessage(connection, m, listener));
    Source<Message, BoundedSourceQueue<Message>> outbound = Source.queue(queueSize);
    Flow<Message, Message, Pair<CompletionStage<Done>, BoundedSourceQueue<Message>>> flow =
        Flow.fromSinkAndSourceCoupledMat(inbound, outbound, Keep.both());
    ClientConnectionSettings settings = settingsBySource.length == 0
        ? defaultSettings
        : settingsBySource[Math.floorMod(index, settingsBySource.length)];
    Pair<CompletionStage<WebSocketUpgradeResponse>, Pair<CompletionStage<Done>, BoundedSourceQueue<Message>>> m;
    try {
      m = http.singleWebSocketRequest(WebSocketRequest.create(url.toString()), flow,
          http.defaultClientHttpsContext(), sources.forConnection(index), settings, log, materializer);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    connection.outbound(m.second().second());
    CompletableFuture<ClientConnection> result = new CompletableFuture<>();
    m.second().first().whenComplete((done, error) -> {
      connection.markClosed();
      if (!result.isDone()) {
        result.completeExceptionally(error != null ? error : new IllegalStateException("closed during upgrade"));
      } else {
        listener.onClosed(connection, connection.closing());
      }
    });
    m.first().whenComplete((upgrade, error) -> {
      if (error != null) {
        result.completeExceptionally(error);
      } else if (!upgrade.isValid()) {
        connection.close();
        result.completeExceptionally(new UpgradeRejected(upgrade.response().status().intValue(),
            upgrade.invalidationReason()));
      } else {
        result.complete(connection);
      }
    });
    return result;
  }

  @Override
  public void close() {}

  private void onMessage(ClientConnection connection, Message message, FrameListener listener) {
    if (message.isText()) {
      TextMessage text = message.asTextMessage();
      if (text.isStrict()) {
        listener.onText(connection, text.getStrictText());
      } else {
        text.toStrict(STRICT_TIMEOUT_MILLIS, materializer)
            .thenAccept(strict -> listener.onText(connection, strict.getStrictText()));
      }
    } else {
      if (!message.asBinaryMessage().isStrict()) {
        message.asBinaryMessage().getStreamedData().runWith(Sink.ignore(), materializer);
      }
      listener.onBinary(connection);
    }
  }
}
