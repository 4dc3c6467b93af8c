package router.node.execute;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.RemoteAddress;
import org.apache.pekko.http.javadsl.model.ws.WebSocketUpgrade;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.japi.Pair;
import router.connection.Connection;
import router.connection.ConnectionFlow;
import router.connection.OutboundLimits;
import router.engine.RouterEngine;
import router.node.ws.WebSocketSettings;
import router.node.ws.WebSocketUpgrades;
import router.protocol.GatewayMessages;
import router.runtime.CloseStatus;
import router.runtime.ConnectOutcome;
import router.runtime.ConnectionInfo;
import router.runtime.StageHandle;

/**
 * The execute-api listener: {@code ws://HOST/{apiId}/{stage}} (or {@code Host: {apiId}.execute-api.*} and
 * {@code /{stage}}) upgrades to a WebSocket whose messages are routed by the stage's live deployment, and
 * {@code /{apiId}/{stage}/@connections/{connectionId}} serves the {@link ConnectionsApi}. Runs {@code $connect}
 * before the upgrade completes; a stage that is not deployed answers 403 like API Gateway.
 */
public final class ExecuteApiRoutes {
  /** A host name of API Gateway's form, {@code {apiId}.execute-api.{region}.amazonaws.com}, any suffix. */
  private static final Pattern EXECUTE_API_HOST =
      Pattern.compile("^([a-z0-9]+)\\.execute-api\\..+$", Pattern.CASE_INSENSITIVE);
  private static final String CONNECTIONS = "@connections";

  private final RouterEngine engine;
  private final WebSocketSettings webSocket;
  private final OutboundLimits outbound;
  private final ConnectionsApi connectionsApi;

  public ExecuteApiRoutes(RouterEngine engine, WebSocketSettings webSocket) {
    this.engine = engine;
    this.webSocket = webSocket;
    this.outbound = OutboundLimits.from(engine.system().settings().config());
    this.connectionsApi = new ConnectionsApi(engine.stages(), engine.connectionService(),
        engine.settings().maxMessageBytes(), engine.settings().askTimeout());
  }

  public Route route() {
    return concat(
        // Host-based form, as on AWS: Host {apiId}.execute-api.{anything}, path /{stage}[/@connections/{id}].
        host(EXECUTE_API_HOST, apiId -> stageRoutes(apiId.toLowerCase(Locale.ROOT))),
        // Path form: /{apiId}/{stage}[/@connections/{id}].
        pathPrefix(PathMatchers.segment(), apiId -> stageRoutes(apiId)));
  }

  private Route stageRoutes(String apiId) {
    return pathPrefix(PathMatchers.segment(), stageName -> concat(
        path(PathMatchers.segment(CONNECTIONS).slash(PathMatchers.segment()),
            connectionId -> extractMethod(method -> mapResponse(response -> {
              engine.metrics().connectionsRequest(method.name(), response.status().intValue());
              return response;
            }, () -> connectionsApi.route(apiId, stageName, connectionId)))),
        pathEnd(() -> webSocket(apiId, stageName))));
  }

  private Route webSocket(String apiId, String stageName) {
    return extractRequest(request -> extractClientIP(ip -> {
      Optional<WebSocketUpgrade> upgrade = request.getAttribute(
          org.apache.pekko.http.javadsl.model.AttributeKeys.webSocketUpgrade);
      StageHandle stage = engine.stages().handle(apiId, stageName);
      if (stage == null) return complete(message(403, GatewayMessages.FORBIDDEN));
      if (upgrade.isEmpty()) return complete(message(426, "Upgrade Required"));
      ConnectionInfo info = connectionInfo(apiId, stageName, stage, request, ip);
      CompletionStage<ConnectOutcome> connect = engine.processor().onConnect(info);
      // No $connect route, or one answered at once (MOCK): accept without the future directive's machinery.
      if (connect instanceof CompletableFuture<ConnectOutcome> now && now.isDone() && !now.isCompletedExceptionally()) {
        return accept(upgrade.get(), info, now.join());
      }
      return onSuccess(connect, outcome -> accept(upgrade.get(), info, outcome));
    }));
  }

  private Route accept(WebSocketUpgrade upgrade, ConnectionInfo info, ConnectOutcome outcome) {
    if (!outcome.accepted()) return complete(message(outcome.statusCode(), outcome.message()));
    Connection connection = new Connection(info);
    engine.metrics().connectionAccepted();
    return complete(WebSocketUpgrades.handle(upgrade,
        ConnectionFlow.create(connection, engine.connections(), engine.settings().maxInFlight(), outbound),
        webSocket, Optional.ofNullable(outcome.subprotocol()), info.connectionId(), status -> {
          CloseStatus recorded = connection.closed(status);
          engine.metrics().connectionClosed(recorded.code());
          return recorded;
        }));
  }

  private ConnectionInfo connectionInfo(
      String apiId, String stageName, StageHandle stage, HttpRequest request, RemoteAddress ip) {
    Map<String, String> headers = new HashMap<>();
    Map<String, List<String>> multiHeaders = new HashMap<>();
    for (HttpHeader header : request.getHeaders()) {
      String name = header.lowercaseName();
      headers.merge(name, header.value(), (a, b) -> a + "," + b);
      multiHeaders.computeIfAbsent(name, k -> new ArrayList<>()).add(header.value());
    }
    Map<String, String> query = Map.of();
    Map<String, List<String>> multiQuery = Map.of();
    if (request.getUri().rawQueryString().isPresent()) {
      query = new HashMap<>();
      multiQuery = new HashMap<>();
      for (Pair<String, String> parameter : request.getUri().query().toList()) {
        query.put(parameter.first(), parameter.second());
        multiQuery.computeIfAbsent(parameter.first(), k -> new ArrayList<>()).add(parameter.second());
      }
    }
    String host = headers.getOrDefault("host", "").toLowerCase(Locale.ROOT);
    String sourceIp = ip.getAddress().map(a -> a.getHostAddress()).orElse("");
    return new ConnectionInfo(engine.newConnectionId(), apiId, stageName, stage, System.currentTimeMillis(),
        sourceIp, headers.get("user-agent"), host, Collections.unmodifiableMap(headers),
        Collections.unmodifiableMap(multiHeaders), Collections.unmodifiableMap(query),
        Collections.unmodifiableMap(multiQuery));
  }

  /** API Gateway's error body for the execute-api endpoint: {@code {"message":"..."}}. */
  static HttpResponse message(int status, String message) {
    return HttpResponse.create().withStatus(status)
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, GatewayMessages.httpBody(message)));
  }
}
