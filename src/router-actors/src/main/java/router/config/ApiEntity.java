package router.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
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
import router.errors.InternalServerErrorException;
import router.model.Api;
import router.model.Deployment;
import router.model.Integration;
import router.model.IntegrationResponse;
import router.model.Route;
import router.model.RouteResponse;
import router.model.Stage;

/**
 * One event-sourced entity per API (Cluster Sharding, entity id = apiId): the API, its routes, integrations,
 * responses, stages and deployments. Commands are checked by {@link ApiCommands}; after every change the deployed
 * stages are handed to the {@link StagePublisher}, which replicates them to the data plane of every node.
 */
public final class ApiEntity
    extends EventSourcedBehaviorWithEnforcedReplies<ApiEntity.Command, ApiEvent, ApiState> {

  public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "Api");

  /** What an API entity understands. */
  public sealed interface Command extends CborSerializable {}

  /** Starts the entity if it is not running, which re-publishes its deployed stages after recovery. */
  public record Wake(ActorRef<Done> replyTo) implements Command {}

  public record CreateApi(Api api, ActorRef<StatusReply<Api>> replyTo) implements Command {}

  public record GetApi(ActorRef<StatusReply<Api>> replyTo) implements Command {}

  public record UpdateApi(Api patch, ActorRef<StatusReply<Api>> replyTo) implements Command {}

  public record DeleteApi(ActorRef<StatusReply<Done>> replyTo) implements Command {}

  public record CreateRoute(Route route, ActorRef<StatusReply<Route>> replyTo) implements Command {}

  public record GetRoute(String routeId, ActorRef<StatusReply<Route>> replyTo) implements Command {}

  public record GetRoutes(ActorRef<StatusReply<Routes>> replyTo) implements Command {}

  public record UpdateRoute(String routeId, Route patch, ActorRef<StatusReply<Route>> replyTo)
      implements Command {}

  public record DeleteRoute(String routeId, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  public record CreateRouteResponse(
      String routeId, RouteResponse response, ActorRef<StatusReply<RouteResponse>> replyTo) implements Command {}

  public record GetRouteResponse(
      String routeId, String routeResponseId, ActorRef<StatusReply<RouteResponse>> replyTo) implements Command {}

  public record GetRouteResponses(String routeId, ActorRef<StatusReply<RouteResponses>> replyTo)
      implements Command {}

  public record UpdateRouteResponse(
      String routeId, String routeResponseId, RouteResponse patch, ActorRef<StatusReply<RouteResponse>> replyTo)
      implements Command {}

  public record DeleteRouteResponse(String routeId, String routeResponseId, ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  public record CreateIntegration(Integration integration, ActorRef<StatusReply<Integration>> replyTo)
      implements Command {}

  public record GetIntegration(String integrationId, ActorRef<StatusReply<Integration>> replyTo)
      implements Command {}

  public record GetIntegrations(ActorRef<StatusReply<Integrations>> replyTo) implements Command {}

  public record UpdateIntegration(
      String integrationId, Integration patch, ActorRef<StatusReply<Integration>> replyTo) implements Command {}

  public record DeleteIntegration(String integrationId, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  public record CreateIntegrationResponse(
      String integrationId, IntegrationResponse response, ActorRef<StatusReply<IntegrationResponse>> replyTo)
      implements Command {}

  public record GetIntegrationResponse(
      String integrationId, String integrationResponseId, ActorRef<StatusReply<IntegrationResponse>> replyTo)
      implements Command {}

  public record GetIntegrationResponses(String integrationId, ActorRef<StatusReply<IntegrationResponses>> replyTo)
      implements Command {}

  public record UpdateIntegrationResponse(
      String integrationId,
      String integrationResponseId,
      IntegrationResponse patch,
      ActorRef<StatusReply<IntegrationResponse>> replyTo)
      implements Command {}

  public record DeleteIntegrationResponse(
      String integrationId, String integrationResponseId, ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  public record CreateStage(Stage stage, ActorRef<StatusReply<Stage>> replyTo) implements Command {}

  public record GetStage(String stageName, ActorRef<StatusReply<Stage>> replyTo) implements Command {}

  public record GetStages(ActorRef<StatusReply<Stages>> replyTo) implements Command {}

  public record UpdateStage(String stageName, Stage patch, ActorRef<StatusReply<Stage>> replyTo)
      implements Command {}

  public record DeleteStage(String stageName, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  public record CreateDeployment(String stageName, String description, ActorRef<StatusReply<Deployment>> replyTo)
      implements Command {}

  public record GetDeployment(String deploymentId, ActorRef<StatusReply<Deployment>> replyTo)
      implements Command {}

  public record GetDeployments(ActorRef<StatusReply<Deployments>> replyTo) implements Command {}

  public record UpdateDeployment(
      String deploymentId, String description, ActorRef<StatusReply<Deployment>> replyTo) implements Command {}

  public record DeleteDeployment(String deploymentId, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /** All routes of an API, in creation order. */
  public record Routes(List<Route> items) implements CborSerializable {}

  /** All route responses of a route. */
  public record RouteResponses(List<RouteResponse> items) implements CborSerializable {}

  /** All integrations of an API. */
  public record Integrations(List<Integration> items) implements CborSerializable {}

  /** All integration responses of an integration. */
  public record IntegrationResponses(List<IntegrationResponse> items) implements CborSerializable {}

  /** All stages of an API. */
  public record Stages(List<Stage> items) implements CborSerializable {}

  /** All deployments of an API. */
  public record Deployments(List<Deployment> items) implements CborSerializable {}

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ApiEntity.class);

  private final String apiId;
  private final ApiCommands commands;
  private final StagePublisher publisher;

  /** Registers the entity type with Cluster Sharding on this node. */
  public static void init(ActorSystem<?> system, ApiCommands commands, StagePublisher publisher) {
    ClusterSharding.get(system).init(Entity.of(TYPE_KEY, context -> create(context.getEntityId(), commands,
        publisher)));
  }

  public static Behavior<Command> create(String apiId, ApiCommands commands, StagePublisher publisher) {
    return Behaviors.setup(context -> new ApiEntity(apiId, commands, publisher));
  }

  private ApiEntity(String apiId, ApiCommands commands, StagePublisher publisher) {
    super(PersistenceId.of(TYPE_KEY.name(), apiId));
    this.apiId = apiId;
    this.commands = commands;
    this.publisher = publisher;
  }

  @Override
  public ApiState emptyState() {
    return ApiState.EMPTY;
  }

  @Override
  public CommandHandlerWithReply<Command, ApiEvent, ApiState> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Wake.class, (state, c) -> Effect().reply(c.replyTo(), Done.getInstance()))
        .onCommand(CreateApi.class, this::onCreateApi)
        .onCommand(GetApi.class, (state, c) -> read(c.replyTo(), () -> ApiCommands.existing(state).api()))
        .onCommand(UpdateApi.class, (state, c) -> change(c.replyTo(), () -> commands.updateApi(state, c.patch()),
            (s, id) -> s.config().api()))
        .onCommand(DeleteApi.class, (state, c) -> change(c.replyTo(), () -> commands.deleteApi(state),
            (s, id) -> Done.getInstance()))
        .onCommand(CreateRoute.class, (state, c) -> change(c.replyTo(),
            () -> commands.createRoute(state, c.route()), (s, id) -> s.config().routes().get(id)))
        .onCommand(GetRoute.class, (state, c) -> read(c.replyTo(),
            () -> ApiCommands.route(ApiCommands.existing(state), c.routeId())))
        .onCommand(GetRoutes.class, (state, c) -> read(c.replyTo(),
            () -> new Routes(List.copyOf(ApiCommands.existing(state).routes().values()))))
        .onCommand(UpdateRoute.class, (state, c) -> change(c.replyTo(),
            () -> commands.updateRoute(state, c.routeId(), c.patch()), (s, id) -> s.config().routes().get(id)))
        .onCommand(DeleteRoute.class, (state, c) -> change(c.replyTo(),
            () -> commands.deleteRoute(state, c.routeId()), (s, id) -> Done.getInstance()))
        .onCommand(CreateRouteResponse.class, (state, c) -> change(c.replyTo(),
            () -> commands.createRouteResponse(state, c.routeId(), c.response()),
            (s, id) -> s.config().responsesOfRoute(c.routeId()).get(id)))
        .onCommand(GetRouteResponse.class, (state, c) -> read(c.replyTo(), () -> {
          ApiConfig config = ApiCommands.existing(state);
          ApiCommands.route(config, c.routeId());
          return ApiCommands.routeResponse(config, c.routeId(), c.routeResponseId());
        }))
        .onCommand(GetRouteResponses.class, (state, c) -> read(c.replyTo(), () -> {
          ApiConfig config = ApiCommands.existing(state);
          ApiCommands.route(config, c.routeId());
          return new RouteResponses(List.copyOf(config.responsesOfRoute(c.routeId()).values()));
        }))
        .onCommand(UpdateRouteResponse.class, (state, c) -> change(c.replyTo(),
            () -> commands.updateRouteResponse(state, c.routeId(), c.routeResponseId(), c.patch()),
            (s, id) -> s.config().responsesOfRoute(c.routeId()).get(id)))
        .onCommand(DeleteRouteResponse.class, (state, c) -> change(c.replyTo(),
            () -> commands.deleteRouteResponse(state, c.routeId(), c.routeResponseId()),
            (s, id) -> Done.getInstance()))
        .onCommand(CreateIntegration.class, (state, c) -> change(c.replyTo(),
            () -> commands.createIntegration(state, c.integration()),
            (s, id) -> s.config().integrations().get(id)))
        .onCommand(GetIntegration.class, (state, c) -> read(c.replyTo(),
            () -> ApiCommands.integration(ApiCommands.existing(state), c.integrationId())))
        .onCommand(GetIntegrations.class, (state, c) -> read(c.replyTo(),
            () -> new Integrations(List.copyOf(ApiCommands.existing(state).integrations().values()))))
        .onCommand(UpdateIntegration.class, (state, c) -> change(c.replyTo(),
            () -> commands.updateIntegration(state, c.integrationId(), c.patch()),
            (s, id) -> s.config().integrations().get(id)))
        .onCommand(DeleteIntegration.class, (state, c) -> change(c.replyTo(),
            () -> commands.deleteIntegration(state, c.integrationId()), (s, id) -> Done.getInstance()))
        .onCommand(CreateIntegrationResponse.class, (state, c) -> change(c.replyTo(),
            () -> commands.createIntegrationResponse(state, c.integrationId(), c.response()),
            (s, id) -> s.config().responsesOfIntegration(c.integrationId()).get(id)))
        .onCommand(GetIntegrationResponse.class, (state, c) -> read(c.replyTo(), () -> {
          ApiConfig config = ApiCommands.existing(state);
          ApiCommands.integration(config, c.integrationId());
          return ApiCommands.integrationResponse(config, c.integrationId(), c.integrationResponseId());
        }))
        .onCommand(GetIntegrationResponses.class, (state, c) -> read(c.replyTo(), () -> {
          ApiConfig config = ApiCommands.existing(state);
          ApiCommands.integration(config, c.integrationId());
          return new IntegrationResponses(List.copyOf(config.responsesOfIntegration(c.integrationId()).values()));
        }))
        .onCommand(UpdateIntegrationResponse.class, (state, c) -> change(c.replyTo(),
            () -> commands.updateIntegrationResponse(state, c.integrationId(), c.integrationResponseId(),
                c.patch()),
            (s, id) -> s.config().responsesOfIntegration(c.integrationId()).get(id)))
        .onCommand(DeleteIntegrationResponse.class, (state, c) -> change(c.replyTo(),
            () -> commands.deleteIntegrationResponse(state, c.integrationId(), c.integrationResponseId()),
            (s, id) -> Done.getInstance()))
        .onCommand(CreateStage.class, (state, c) -> change(c.replyTo(),
            () -> commands.createStage(state, c.stage()), (s, id) -> s.stages().get(id)))
        .onCommand(GetStage.class, (state, c) -> read(c.replyTo(), () -> {
          ApiCommands.existing(state);
          return ApiCommands.stage(state, c.stageName());
        }))
        .onCommand(GetStages.class, (state, c) -> read(c.replyTo(), () -> {
          ApiCommands.existing(state);
          return new Stages(List.copyOf(state.stages().values()));
        }))
        .onCommand(UpdateStage.class, (state, c) -> change(c.replyTo(),
            () -> commands.updateStage(state, c.stageName(), c.patch()), (s, id) -> s.stages().get(id)))
        .onCommand(DeleteStage.class, (state, c) -> change(c.replyTo(),
            () -> commands.deleteStage(state, c.stageName()), (s, id) -> Done.getInstance()))
        .onCommand(CreateDeployment.class, (state, c) -> change(c.replyTo(),
            () -> commands.createDeployment(state, c.stageName(), c.description()),
            (s, id) -> s.deployment(id)))
        .onCommand(GetDeployment.class, (state, c) -> read(c.replyTo(), () -> {
          ApiCommands.existing(state);
          return ApiCommands.deployment(state, c.deploymentId());
        }))
        .onCommand(GetDeployments.class, (state, c) -> read(c.replyTo(), () -> {
          ApiCommands.existing(state);
          List<Deployment> items = new ArrayList<>();
          state.deployments().values().forEach(d -> items.add(d.deployment()));
          return new Deployments(items);
        }))
        .onCommand(UpdateDeployment.class, (state, c) -> change(c.replyTo(),
            () -> commands.updateDeployment(state, c.deploymentId(), c.description()),
            (s, id) -> s.deployment(id)))
        .onCommand(DeleteDeployment.class, (state, c) -> change(c.replyTo(),
            () -> commands.deleteDeployment(state, c.deploymentId()), (s, id) -> Done.getInstance()))
        .build();
  }

  private ReplyEffect<ApiEvent, ApiState> onCreateApi(ApiState state, CreateApi command) {
    return change(command.replyTo(), () -> commands.createApi(state, apiId, command.api()),
        (s, id) -> s.config().api());
  }

  // Persists the events a command decided, publishes the stages, then replies with a view of the new state.
  private <T> ReplyEffect<ApiEvent, ApiState> change(
      ActorRef<StatusReply<T>> replyTo, Decider decider, BiFunction<ApiState, String, T> view) {
    Decision decision;
    try {
      decision = decider.decide();
    } catch (ApiGatewayException e) {
      return Effect().reply(replyTo, StatusReply.error(e));
    } catch (RuntimeException e) {
      // A bug in a rule must answer the caller (500) rather than stop the entity and leave it waiting.
      log.error("Command on API {} failed", apiId, e);
      return Effect().reply(replyTo, StatusReply.error(new InternalServerErrorException(
          "Internal server error: " + e.getClass().getSimpleName())));
    }
    return Effect()
        .persist(decision.events())
        .thenRun(newState -> publisher.publish(apiId, newState))
        .thenReply(replyTo, newState -> StatusReply.success(view.apply(newState, decision.id())));
  }

  private <T> ReplyEffect<ApiEvent, ApiState> read(ActorRef<StatusReply<T>> replyTo, Reader<T> reader) {
    try {
      return Effect().reply(replyTo, StatusReply.success(reader.read()));
    } catch (ApiGatewayException e) {
      return Effect().reply(replyTo, StatusReply.error(e));
    } catch (RuntimeException e) {
      log.error("Read of API {} failed", apiId, e);
      return Effect().reply(replyTo, StatusReply.error(new InternalServerErrorException(
          "Internal server error: " + e.getClass().getSimpleName())));
    }
  }

  @Override
  public EventHandler<ApiState, ApiEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(ApiState::apply);
  }

  @Override
  public SignalHandler<ApiState> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), state -> publisher.publish(apiId, state))
        .build();
  }

  /** Decides the events of a change, or throws an API Gateway error. */
  @FunctionalInterface
  private interface Decider {
    Decision decide();
  }

  /** Reads a view of the state, or throws an API Gateway error. */
  @FunctionalInterface
  private interface Reader<T> {
    T read();
  }
}
