package router.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;
import router.CborSerializable;
import router.errors.ApiGatewayException;
import router.ids.ResourceIds;
import router.model.VpcLink;

/**
 * Every VPC link of the gateway: one event-sourced entity for the cluster (sharded, single id), as VPC links belong
 * to the account, not to an API. Rules are {@link VpcLinkRules}; after every change and after recovery the links go
 * to the {@link VpcLinkPublisher}, which carries them to the data plane of every node.
 */
public final class VpcLinkRegistry extends EventSourcedBehaviorWithEnforcedReplies<
    VpcLinkRegistry.Command, VpcLinkRegistry.Event, VpcLinkRegistry.State> {

  public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "VpcLinks");
  private static final String ENTITY_ID = "all";

  /** What the registry understands. */
  public sealed interface Command extends CborSerializable {}

  public record Create(VpcLink input, ActorRef<StatusReply<VpcLink>> replyTo) implements Command {}

  public record Get(String vpcLinkId, ActorRef<StatusReply<VpcLink>> replyTo) implements Command {}

  public record GetAll(ActorRef<StatusReply<VpcLinks>> replyTo) implements Command {}

  public record Update(String vpcLinkId, List<VpcLinkRules.PatchOperation> patchOperations,
      ActorRef<StatusReply<VpcLink>> replyTo) implements Command {}

  public record Delete(String vpcLinkId, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /** All links, in creation order. */
  public record VpcLinks(List<VpcLink> items) implements CborSerializable {}

  /** What happened to the links. */
  public sealed interface Event extends CborSerializable {}

  public record VpcLinkCreated(VpcLink link) implements Event {}

  public record VpcLinkUpdated(VpcLink link) implements Event {}

  public record VpcLinkDeleted(String vpcLinkId) implements Event {}

  /** The links by id, in creation order, and the number of events applied. */
  public record State(Map<String, VpcLink> links, long revision) implements CborSerializable {
    State apply(Event event) {
      Map<String, VpcLink> next = new LinkedHashMap<>(links);
      if (event instanceof VpcLinkCreated e) next.put(e.link().id(), e.link());
      if (event instanceof VpcLinkUpdated e) next.put(e.link().id(), e.link());
      if (event instanceof VpcLinkDeleted e) next.remove(e.vpcLinkId());
      return new State(java.util.Collections.unmodifiableMap(next), revision + 1);
    }
  }

  private final VpcLinkRules rules;
  private final VpcLinkPublisher publisher;

  public static void init(ActorSystem<?> system, VpcLinkRules rules, VpcLinkPublisher publisher) {
    ClusterSharding.get(system).init(RouterRole.applyTo(system,
        Entity.of(TYPE_KEY, context -> new VpcLinkRegistry(rules, publisher))));
  }

  /** The one registry entity. */
  public static EntityRef<Command> ref(ActorSystem<?> system) {
    return ClusterSharding.get(system).entityRefFor(TYPE_KEY, ENTITY_ID);
  }

  private VpcLinkRegistry(VpcLinkRules rules, VpcLinkPublisher publisher) {
    super(PersistenceId.of(TYPE_KEY.name(), ENTITY_ID));
    this.rules = rules;
    this.publisher = publisher;
  }

  @Override
  public State emptyState() {
    return new State(Map.of(), 0);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Create.class, this::onCreate)
        .onCommand(Get.class, this::onGet)
        .onCommand(GetAll.class, (state, c) ->
            Effect().reply(c.replyTo(), StatusReply.success(new VpcLinks(List.copyOf(state.links().values())))))
        .onCommand(Update.class, this::onUpdate)
        .onCommand(Delete.class, this::onDelete)
        .build();
  }

  private ReplyEffect<Event, State> onCreate(State state, Create command) {
    String id = ResourceIds.shortId();
    while (state.links().containsKey(id)) id = ResourceIds.shortId();
    String newId = id;
    return decide(command.replyTo(), () -> new VpcLinkCreated(rules.create(newId, command.input())),
        s -> s.links().get(newId));
  }

  private ReplyEffect<Event, State> onGet(State state, Get command) {
    try {
      return Effect().reply(command.replyTo(),
          StatusReply.success(VpcLinkRules.existing(state.links(), command.vpcLinkId())));
    } catch (ApiGatewayException e) {
      return Effect().reply(command.replyTo(), StatusReply.error(e));
    }
  }

  private ReplyEffect<Event, State> onUpdate(State state, Update command) {
    return decide(command.replyTo(), () -> new VpcLinkUpdated(rules.update(
        VpcLinkRules.existing(state.links(), command.vpcLinkId()), command.patchOperations())),
        s -> s.links().get(command.vpcLinkId()));
  }

  private ReplyEffect<Event, State> onDelete(State state, Delete command) {
    return decide(command.replyTo(), () -> {
      VpcLinkRules.existing(state.links(), command.vpcLinkId());
      return new VpcLinkDeleted(command.vpcLinkId());
    }, s -> Done.getInstance());
  }

  private <T> ReplyEffect<Event, State> decide(
      ActorRef<StatusReply<T>> replyTo, java.util.function.Supplier<Event> decider,
      java.util.function.Function<State, T> view) {
    Event event;
    try {
      event = decider.get();
    } catch (ApiGatewayException e) {
      return Effect().reply(replyTo, StatusReply.error(e));
    }
    return Effect().persist(event)
        .thenRun(s -> publisher.publish(s.revision(), s.links()))
        .thenReply(replyTo, s -> StatusReply.success(view.apply(s)));
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(State::apply);
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), state -> publisher.publish(state.revision(), state.links()))
        .build();
  }
}
