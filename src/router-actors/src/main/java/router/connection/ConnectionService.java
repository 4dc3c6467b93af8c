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

/**
 * The operations of API Gateway's {@code @connections} API on a connection id — post to it, describe it, close
 * it — as futures that fail with {@link GoneException} (410) or {@code LimitExceededException} (429) as the HTTP
 * API answers. The HTTP API ({@code router.node.execute.ConnectionsApi}) and embedding applications share it.
 *
 * <p>Only connections whose socket this node holds are found; an id owned by another node (its tag), or one that
 * is closed, unknown, or still in {@code $connect}, is gone as far as this node can tell.
 */
public final class ConnectionService {
  private final ActorSystem<?> system;
  private final ConnectionRegistry registry;
  private final Duration askTimeout;

  public ConnectionService(ActorSystem<?> system, ConnectionRegistry registry, Duration askTimeout) {
    this.system = system;
    this.registry = registry;
    this.askTimeout = askTimeout;
  }

  /**
   * Sends {@code data} to connection {@code connectionId} of stage {@code stageName} of API {@code apiId}: valid
   * UTF-8 as one text message, anything else as one binary message (as AWS does). {@code apiId} and
   * {@code stageName} may be null: any API, any stage.
   */
  public CompletionStage<Done> post(String apiId, String stageName, String connectionId, ByteString data) {
    ActorRef<ConnectionActor.Command> actor = actorOf(apiId, stageName, connectionId);
    if (actor == null) return gone();
    String text = utf8(data);
    return text != null
        ? Stages.plain(AskPattern.askWithStatus(actor, replyTo -> new ConnectionActor.Send(text, replyTo),
            askTimeout, system.scheduler()))
        : Stages.plain(AskPattern.askWithStatus(actor,
            replyTo -> new ConnectionActor.SendBinary(data.toArray(), replyTo), askTimeout, system.scheduler()));
  }

  /** Sends {@code text} as one text message to connection {@code connectionId}, whatever its API and stage. */
  public CompletionStage<Done> post(String connectionId, String text) {
    ActorRef<ConnectionActor.Command> actor = actorOf(null, null, connectionId);
    if (actor == null) return gone();
    return Stages.plain(AskPattern.askWithStatus(actor, replyTo -> new ConnectionActor.Send(text, replyTo),
        askTimeout, system.scheduler()));
  }

  /** GetConnection: when the connection was opened and last active, and its identity. */
  public CompletionStage<ConnectionDescription> describe(String apiId, String stageName, String connectionId) {
    ActorRef<ConnectionActor.Command> actor = actorOf(apiId, stageName, connectionId);
    if (actor == null) return gone();
    return Stages.plain(AskPattern.ask(actor, ConnectionActor.Describe::new, askTimeout, system.scheduler()));
  }

  /**
   * DeleteConnection: closes the connection with 1000 at once; its {@code $disconnect} runs when the socket is
   * closed. Completes when the close has been started.
   */
  public CompletionStage<Done> close(String apiId, String stageName, String connectionId) {
    ActorRef<ConnectionActor.Command> actor = actorOf(apiId, stageName, connectionId);
    if (actor == null) return gone();
    return Stages.plain(AskPattern.ask(actor, ConnectionActor.Disconnect::new, askTimeout, system.scheduler()));
  }

  private ActorRef<ConnectionActor.Command> actorOf(String apiId, String stageName, String connectionId) {
    Connection connection = registry.get(connectionId);
    if (connection == null || connection.actor() == null) return null;
    if (apiId != null && !connection.info().apiId().equals(apiId)) return null;
    if (stageName != null && !connection.info().stageName().equals(stageName)) return null;
    return connection.actor();
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
