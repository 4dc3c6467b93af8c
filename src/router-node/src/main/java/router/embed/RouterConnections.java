package router.embed;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.util.ByteString;
import router.concurrent.Stages;
import router.connection.ConnectionDescription;
import router.connection.ConnectionGateway;
import router.connection.ConnectionService;
import router.errors.GoneException;
import router.ids.ConnectionIds;

/**
 * The {@code @connections} API for the host application's own code: post to, describe and close a connection by
 * id, from any node of the cluster, with the HTTP API's semantics — futures that fail with
 * {@link GoneException} (410: closed, unknown, or still in {@code $connect}) or
 * {@code LimitExceededException} (429: the client does not read fast enough).
 *
 * <p>On a node that runs Router, calls go to its {@link ConnectionService}; on a node without the Router role, to
 * the {@link ConnectionGateway} of the node whose tag the id carries.
 */
public final class RouterConnections {
  private final ActorSystem<?> system;
  private final ConnectionService local;
  private final Duration askTimeout;

  RouterConnections(ActorSystem<?> system, ConnectionService local, Duration askTimeout) {
    this.system = system;
    this.local = local;
    this.askTimeout = askTimeout;
  }

  /** Sends {@code text} to the connection as one text message. */
  public CompletionStage<Done> post(String connectionId, String text) {
    return post(connectionId, ByteString.fromString(text, StandardCharsets.UTF_8));
  }

  /** Sends {@code data}: one text message when it is valid UTF-8, else one binary message (as AWS does). */
  public CompletionStage<Done> post(String connectionId, ByteString data) {
    if (local != null) return local.post(null, null, connectionId, data);
    return viaGateway(connectionId, replyTo -> new ConnectionGateway.Post(null, null, connectionId, data.toArray(), replyTo));
  }

  /** GetConnection: when the connection was opened and last active, and its identity. */
  public CompletionStage<ConnectionDescription> describe(String connectionId) {
    if (local != null) return local.describe(null, null, connectionId);
    return viaGateway(connectionId, replyTo -> new ConnectionGateway.Describe(null, null, connectionId, replyTo));
  }

  /** DeleteConnection: closes the connection with 1000; its {@code $disconnect} runs once the socket is closed. */
  public CompletionStage<Done> close(String connectionId) {
    if (local != null) return local.close(null, null, connectionId);
    return viaGateway(connectionId, replyTo -> new ConnectionGateway.Close(null, null, connectionId, replyTo));
  }

  private <T> CompletionStage<T> viaGateway(
      String connectionId, Function<ActorRef<StatusReply<T>>, ConnectionGateway.Command> command) {
    int tag = ConnectionIds.nodeTagOf(connectionId);
    if (tag < 0) return CompletableFuture.failedFuture(new GoneException(""));
    String name = ConnectionGateway.name(tag);
    return Stages.plain(AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(),
            replyTo -> Receptionist.find(ConnectionGateway.KEY, replyTo), askTimeout, system.scheduler()))
        .thenCompose(listing -> {
          // The Router nodes' own gateways (router.connection.ConnectionGateway), by the tag in their names; none
          // reachable with that tag: its connections are gone with it.
          for (ActorRef<ConnectionGateway.Command> gateway : listing.getServiceInstances(ConnectionGateway.KEY)) {
            if (gateway.path().name().equals(name)) {
              return Stages.plain(AskPattern.<ConnectionGateway.Command, T>askWithStatus(gateway, command::apply,
                  askTimeout, system.scheduler()));
            }
          }
          return CompletableFuture.<T>failedFuture(new GoneException(""));
        });
  }
}
