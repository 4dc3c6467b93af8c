package router.loadtest.run;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.handleWebSocketMessages;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Flow;
import router.loadtest.baseline.EchoServer;
import router.loadtest.baseline.PushRegistry;

/**
 * In-process servers on port 0 for the tool's tests: the real baseline echo under /, and
 * misbehaving ones: /drop10 drops every 10th message of a connection, /close5 closes each
 * connection after 5 replies, /error answers every message with an API Gateway error frame,
 * /reject refuses the upgrade with 403, /static answers every message with the same frame (like
 * a MOCK integration's response template).
 */
final class TestServers implements AutoCloseable {

  static final String ERROR_FRAME =
      "{\"message\": \"Internal server error\", \"connectionId\":\"abc\", \"requestId\":\"def\"}";

  static final String STATIC_REPLY = "{\"echo\":\"\"}";

  final ActorSystem system;
  private final ServerBinding binding;

  TestServers() throws Exception {
    system = ActorSystem.create("test", ConfigFactory.load("loadtest"));
    Route misbehaving = concat(
        pathPrefix("drop10", () -> handleWebSocketMessages(Flow.<Message>create()
            .zipWithIndex()
            .filter(p -> (p.second() + 1) % 10 != 0)
            .map(Pair::first))),
        pathPrefix("close5", () -> handleWebSocketMessages(Flow.<Message>create().take(5))),
        pathPrefix("error", () -> handleWebSocketMessages(Flow.<Message>create()
            .map(m -> (Message) TextMessage.create(ERROR_FRAME)))),
        pathPrefix("reject", () -> complete(StatusCodes.FORBIDDEN)),
        pathPrefix("static", () -> handleWebSocketMessages(Flow.<Message>create()
            .map(m -> (Message) TextMessage.create(STATIC_REPLY)))),
        EchoServer.route(new PushRegistry()));
    binding = Http.get(system).newServerAt("127.0.0.1", 0).bind(misbehaving)
        .toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  URI url(String path) {
    return URI.create("ws://127.0.0.1:" + binding.localAddress().getPort() + path);
  }

  /** Settings: the reference defaults, quiet, then {@code overrides} (keys of router.loadtest). */
  static LoadSettings settings(URI url, Object... overrides) {
    return LoadSettings.from(config(url, overrides));
  }

  static Config config(URI url, Object... overrides) {
    Map<String, Object> m = new HashMap<>();
    m.put(LoadSettings.PATH + ".url", url.toString());
    m.put(LoadSettings.PATH + ".progress", false);
    for (int i = 0; i < overrides.length; i += 2) m.put(LoadSettings.PATH + "." + overrides[i], overrides[i + 1]);
    return ConfigFactory.parseMap(m).withFallback(ConfigFactory.load("loadtest"));
  }

  @Override
  public void close() throws Exception {
    binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
