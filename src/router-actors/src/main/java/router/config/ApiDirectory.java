package router.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import router.CborSerializable;

/**
 * The list of API ids, in creation order: one event-sourced entity for the whole cluster (sharded, with a single
 * entity id). GetApis pages through it; a starting node wakes every API entity it lists, after registering any
 * API the journal holds but the directory lost ({@link ConfigService#repairDirectory}).
 */
public final class ApiDirectory
    extends EventSourcedBehaviorWithEnforcedReplies<ApiDirectory.Command, ApiDirectory.Event, ApiDirectory.State> {

  public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "ApiDirectory");
  private static final String ENTITY_ID = "all";

  /** What the directory understands. */
  public sealed interface Command extends CborSerializable {}

  public record Register(String apiId, ActorRef<Done> replyTo) implements Command {}

  public record Unregister(String apiId, ActorRef<Done> replyTo) implements Command {}

  public record GetAll(ActorRef<ApiIds> replyTo) implements Command {}

  /** The ids of every API, in creation order, and of the APIs unregistered (deleted) since. */
  public record ApiIds(List<String> ids, List<String> unregistered) implements CborSerializable {}

  /** What happened to the directory. */
  public sealed interface Event extends CborSerializable {}

  public record Registered(String apiId) implements Event {}

  public record Unregistered(String apiId) implements Event {}

  /** The registered ids, and the unregistered ones (an API id is never reused). */
  public record State(List<String> ids, List<String> unregistered) implements CborSerializable {
    State apply(Event event) {
      List<String> next = new ArrayList<>(ids);
      List<String> gone = new ArrayList<>(unregistered);
      if (event instanceof Registered r && !next.contains(r.apiId())) next.add(r.apiId());
      if (event instanceof Unregistered u && next.remove(u.apiId())) gone.add(u.apiId());
      return new State(List.copyOf(next), List.copyOf(gone));
    }
  }

  /**
   * The ids of the APIs among {@code persistenceIds} (all of the journal's) that {@code directory} neither lists
   * nor has unregistered, in journal order: APIs whose registration, the second step of CreateApi, may have been
   * lost. Candidates only: an API deleted before its registration was lost has a journal too.
   */
  public static List<String> unlisted(Collection<String> persistenceIds, ApiIds directory) {
    Set<String> known = new HashSet<>(directory.ids());
    known.addAll(directory.unregistered());
    List<String> missing = new ArrayList<>();
    for (String persistenceId : persistenceIds) {
      if (!ApiEntity.TYPE_KEY.name().equals(PersistenceId.extractEntityType(persistenceId))) continue;
      String apiId = PersistenceId.extractEntityId(persistenceId);
      if (!known.contains(apiId)) missing.add(apiId);
    }
    return missing;
  }

  public static void init(ActorSystem<?> system) {
    ClusterSharding.get(system).init(RouterRole.applyTo(system, Entity.of(TYPE_KEY, context -> new ApiDirectory())));
  }

  /** The one directory entity. */
  public static EntityRef<Command> ref(ActorSystem<?> system) {
    return ClusterSharding.get(system).entityRefFor(TYPE_KEY, ENTITY_ID);
  }

  private ApiDirectory() {
    super(PersistenceId.of(TYPE_KEY.name(), ENTITY_ID));
  }

  @Override
  public State emptyState() {
    return new State(List.of(), List.of());
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Register.class, (state, c) -> state.ids().contains(c.apiId())
            ? Effect().reply(c.replyTo(), Done.getInstance())
            : Effect().persist(new Registered(c.apiId())).thenReply(c.replyTo(), s -> Done.getInstance()))
        .onCommand(Unregister.class, (state, c) -> !state.ids().contains(c.apiId())
            ? Effect().reply(c.replyTo(), Done.getInstance())
            : Effect().persist(new Unregistered(c.apiId())).thenReply(c.replyTo(), s -> Done.getInstance()))
        .onCommand(GetAll.class,
            (state, c) -> Effect().reply(c.replyTo(), new ApiIds(state.ids(), state.unregistered())))
        .build();
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(State::apply);
  }
}
