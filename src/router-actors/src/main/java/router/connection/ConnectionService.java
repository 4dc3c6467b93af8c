package router.connection;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.util.ByteString;
import router.concurrent.Stages;
import router.errors.GoneException;
import router.ids.ConnectionIds;
import router.runtime.ServerMessage;
import org.apache.pekko.pattern.StatusReply;

/**
 * The operations of API Gateway's {@code @connections} API on a connection id — post to it, describe it, close
 * it — as futures that fail with {@link GoneException} (410) or {@code LimitExceededException} (429) as the HTTP
 * API answers. The HTTP API ({@code router.node.execute.ConnectionsApi}) and embedding applications share it.
 *
 * <p>Cluster-wide: an id whose node tag is this node's is looked up in this node's registry; any other id goes in
 * one hop to the {@link ConnectionGateway} of the node its tag names, which answers for its own connections. An id
 * whose node has left or is unreachable, or that is closed, unknown, or still in {@code $connect}, is gone.
 */
public final class ConnectionService {
  private final ActorSystem<?> system;
  private final ConnectionRegistry registry;
  private final Duration askTimeout;
  private final int nodeTag;
  private final ConnectionGateways gateways;

  /** A service for this node's connections only (a cluster of one, or a host that routes by itself). */
  public ConnectionService(ActorSystem<?> system, ConnectionRegistry registry, Duration askTimeout) {
    this(system, registry, askTimeout, -1, new ConnectionGateways());
  }

  /**
   * A cluster-wide service: ids tagged {@code nodeTag} are this node's, others are routed through
   * {@code gateways}.
   */
  public ConnectionService(ActorSystem<?> system, ConnectionRegistry registry, Duration askTimeout, int nodeTag,
      ConnectionGateways gateways) {
    this.system = system;
    this.registry = registry;
    this.askTimeout = askTimeout;
    this.nodeTag = nodeTag;
    this.gateways = gateways;
  }

  /**
   * Starts this node's {@link ConnectionGateway} (named by its tag, listed with the receptionist), through which
   * other nodes reach its connections and which keeps {@code gateways} current. Call once per node.
   */
  public void startGateway() {
    system.systemActorOf(ConnectionGateway.create(this, gateways), ConnectionGateway.name(nodeTag),
        org.apache.pekko.actor.typed.Props.empty());
  }

  /**
   * Sends {@code data} to connection {@code connectionId} of stage {@code stageName} of API {@code apiId}: valid
   * UTF-8 as one text message, anything else as one binary message (as AWS does). {@code apiId} and
   * {@code stageName} may be null: any API, any stage.
   */
  public CompletionStage<Done> post(String apiId, String stageName, String connectionId, ByteString data) {
    ActorRef<ConnectionGateway.Command> owner = remoteOwner(connectionId);
    if (owner == null) return postLocal(apiId, stageName, connectionId, data);
    return ask(owner, replyTo -> new ConnectionGateway.Post(apiId, stageName, connectionId, data.toArray(), replyTo));
  }

  /** Sends {@code text} as one text message to connection {@code connectionId}, whatever its API and stage. */
  public CompletionStage<Done> post(String connectionId, String text) {
    ActorRef<ConnectionGateway.Command> owner = remoteOwner(connectionId);
    if (owner != null) {
      return ask(owner, replyTo -> new ConnectionGateway.Post(null, null, connectionId,
          text.getBytes(StandardCharsets.UTF_8), replyTo));
    }
    Connection connection = local(null, null, connectionId);
    if (connection == null) return gone();
    return connection.send(new ServerMessage.Text(text));
  }

  /** GetConnection: when the connection was opened and last active, and its identity. */
  public CompletionStage<ConnectionDescription> describe(String apiId, String stageName, String connectionId) {
    ActorRef<ConnectionGateway.Command> owner = remoteOwner(connectionId);
    if (owner == null) return describeLocal(apiId, stageName, connectionId);
    return ask(owner, replyTo -> new ConnectionGateway.Describe(apiId, stageName, connectionId, replyTo));
  }

  /**
   * DeleteConnection: closes the connection with 1000 at once; its {@code $disconnect} runs when the socket is
   * closed. Completes when the close has been started.
   */
  public CompletionStage<Done> close(String apiId, String stageName, String connectionId) {
    ActorRef<ConnectionGateway.Command> owner = remoteOwner(connectionId);
    if (owner == null) return closeLocal(apiId, stageName, connectionId);
    return ask(owner, replyTo -> new ConnectionGateway.Close(apiId, stageName, connectionId, replyTo));
  }

  /** The node tag of this node's connection ids; -1 when this service is not cluster-wide. */
  public int nodeTag() {
    return nodeTag;
  }

  // ---- this node's connections (also what the gateway runs for other nodes) ---------------------------------

  CompletionStage<Done> postLocal(String apiId, String stageName, String connectionId, ByteString data) {
    Connection connection = local(apiId, stageName, connectionId);
    if (connection == null) return gone();
    String text = utf8(data);
    return connection.send(text != null ? new ServerMessage.Text(text) : new ServerMessage.Binary(data));
  }

  CompletionStage<ConnectionDescription> describeLocal(String apiId, String stageName, String connectionId) {
    Connection connection = local(apiId, stageName, connectionId);
    if (connection == null) return gone();
    return CompletableFuture.completedFuture(connection.describe());
  }

  CompletionStage<Done> closeLocal(String apiId, String stageName, String connectionId) {
    Connection connection = local(apiId, stageName, connectionId);
    if (connection == null) return gone();
    connection.disconnect();
    return CompletableFuture.completedFuture(Done.getInstance());
  }

  /**
   * The gateway of the other node that owns {@code connectionId}, or null when the id is this node's (or
   * malformed, or this service is node-local) and is answered here. An id of a node that is not reachable is
   * answered here too: this registry does not hold it, so it is gone.
   */
  private ActorRef<ConnectionGateway.Command> remoteOwner(String connectionId) {
    if (nodeTag < 0) return null;
    int tag = ConnectionIds.nodeTagOf(connectionId);
    if (tag < 0 || tag == nodeTag) return null;
    return gateways.of(tag);
  }

  private <T> CompletionStage<T> ask(ActorRef<ConnectionGateway.Command> gateway,
      java.util.function.Function<ActorRef<StatusReply<T>>, ConnectionGateway.Command> command) {
    return Stages.plain(AskPattern.askWithStatus(gateway, command::apply, askTimeout, system.scheduler()));
  }

  private Connection local(String apiId, String stageName, String connectionId) {
    Connection connection = registry.get(connectionId);
    if (connection == null) return null;
    if (apiId != null && !connection.info().apiId().equals(apiId)) return null;
    if (stageName != null && !connection.info().stageName().equals(stageName)) return null;
    return connection;
  }

  private static <T> CompletionStage<T> gone() {
    return CompletableFuture.failedFuture(new GoneException(""));
  }

  /** The body as text when it is valid UTF-8 (sent as a text frame), else null (sent as a binary frame). */
  public static String utf8(ByteString data) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(data.toArray()))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
