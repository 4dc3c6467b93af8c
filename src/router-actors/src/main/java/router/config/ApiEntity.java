package router.config;

import static router.config.Validation.deployment;
import static router.config.Validation.existing;
import static router.config.Validation.integration;
import static router.config.Validation.integrationResponse;
import static router.config.Validation.integrationResponses;
import static router.config.Validation.route;
import static router.config.Validation.routeResponse;
import static router.config.Validation.routeResponses;
import static router.config.Validation.stage;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;
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
 * responses, stages and deployments. Changes are decided by the rules of their resource ({@link ApiCommands});
 * after every change the deployed stages are handed to the {@link StagePublisher}, which replicates them to the
 * data plane of every node.
 */
public final class ApiEntity
    extends EventSourcedBehaviorWithEnforcedReplies<ApiEntity.Command, ApiEvent, ApiState> {

  public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "Api");

  /** What an API entity understands. */
  public sealed interface Command extends CborSerializable {}

  /** Starts the entity if it is not running, which re-publishes its deployed stages after recovery. */
  public record Wake(ActorRef<Done> replyTo) implements Command {}
  // APIs
  public record CreateApi(Api api, ActorRef<StatusReply<Api>> replyTo) implements Command {}
  public record GetApi(ActorRef<StatusReply<Api>> replyTo) implements Command {}
  public record UpdateApi(Api patch, ActorRef<StatusReply<Api>> replyTo) implements Command {}
  public record DeleteApi(ActorRef<StatusReply<Done>> replyTo) implements Command {}
  // Routes and route responses
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
  // Integrations and integration responses
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
  // Stages and deployments
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

  /** The reply to a GetXxx list command: all items, in creation order (the caller pages them). */
  public interface Listing<T> {
    List<T> items();
  }

  /** All routes of an API. */
  public record Routes(List<Route> items) implements Listing<Route>, CborSerializable {}

  /** All route responses of a route. */
  public record RouteResponses(List<RouteResponse> items) implements Listing<RouteResponse>, CborSerializable {}

  /** All integrations of an API. */
  public record Integrations(List<Integration> items) implements Listing<Integration>, CborSerializable {}

  /** All integration responses of an integration. */
  public record IntegrationResponses(List<IntegrationResponse> items)
      implements Listing<IntegrationResponse>, CborSerializable {}

  /** All stages of an API. */
  public record Stages(List<Stage> items) implements Listing<Stage>, CborSerializable {}

  /** All deployments of an API. */
  public record Deployments(List<Deployment> items) implements Listing<Deployment>, CborSerializable {}

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ApiEntity.class);

  private final String apiId;
  private final ApiCommands commands;
  private final StagePublisher publisher;

  /** Registers the entity type with Cluster Sharding on this node. */
  public static void init(ActorSystem<?> system, ApiCommands commands, StagePublisher publisher) {
    ClusterSharding.get(system).init(RouterRole.applyTo(system, Entity.of(TYPE_KEY,
        context -> create(context.getEntityId(), commands, publisher))));
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
        .onCommand(Wake.class, (s, c) -> Effect().reply(c.replyTo(), Done.getInstance()))
        .onCommand(CreateApi.class, this::onCreateApi)
        .onCommand(GetApi.class, (s, c) -> read(c.replyTo(), () -> existing(s).api()))
        .onCommand(UpdateApi.class, this::onUpdateApi)
        .onCommand(DeleteApi.class, this::onDeleteApi)
        .onCommand(CreateRoute.class, this::onCreateRoute)
        .onCommand(GetRoute.class, (s, c) -> read(c.replyTo(), () -> route(existing(s), c.routeId())))
        .onCommand(GetRoutes.class, (s, c) -> read(c.replyTo(), () -> new Routes(items(existing(s).routes()))))
        .onCommand(UpdateRoute.class, this::onUpdateRoute)
        .onCommand(DeleteRoute.class, this::onDeleteRoute)
        .onCommand(CreateRouteResponse.class, this::onCreateRouteResponse)
        .onCommand(GetRouteResponse.class, (s, c) -> read(c.replyTo(),
            () -> routeResponse(existing(s), c.routeId(), c.routeResponseId())))
        .onCommand(GetRouteResponses.class, (s, c) -> read(c.replyTo(),
            () -> new RouteResponses(items(routeResponses(existing(s), c.routeId())))))
        .onCommand(UpdateRouteResponse.class, this::onUpdateRouteResponse)
        .onCommand(DeleteRouteResponse.class, this::onDeleteRouteResponse)
        .onCommand(CreateIntegration.class, this::onCreateIntegration)
        .onCommand(GetIntegration.class, (s, c) -> read(c.replyTo(),
            () -> integration(existing(s), c.integrationId())))
        .onCommand(GetIntegrations.class, (s, c) -> read(c.replyTo(),
            () -> new Integrations(items(existing(s).integrations()))))
        .onCommand(UpdateIntegration.class, this::onUpdateIntegration)
        .onCommand(DeleteIntegration.class, this::onDeleteIntegration)
        .onCommand(CreateIntegrationResponse.class, this::onCreateIntegrationResponse)
        .onCommand(GetIntegrationResponse.class, (s, c) -> read(c.replyTo(),
            () -> integrationResponse(existing(s), c.integrationId(), c.integrationResponseId())))
        .onCommand(GetIntegrationResponses.class, (s, c) -> read(c.replyTo(),
            () -> new IntegrationResponses(items(integrationResponses(existing(s), c.integrationId())))))
        .onCommand(UpdateIntegrationResponse.class, this::onUpdateIntegrationResponse)
        .onCommand(DeleteIntegrationResponse.class, this::onDeleteIntegrationResponse)
        .onCommand(CreateStage.class, this::onCreateStage)
        .onCommand(GetStage.class, (s, c) -> read(c.replyTo(), () -> stage(s, c.stageName())))
        .onCommand(GetStages.class, (s, c) -> read(c.replyTo(), () -> new Stages(items(stages(s)))))
        .onCommand(UpdateStage.class, this::onUpdateStage)
        .onCommand(DeleteStage.class, this::onDeleteStage)
        .onCommand(CreateDeployment.class, this::onCreateDeployment)
        .onCommand(GetDeployment.class, (s, c) -> read(c.replyTo(), () -> deployment(s, c.deploymentId())))
        .onCommand(GetDeployments.class, (s, c) -> read(c.replyTo(), () -> new Deployments(deployments(s))))
        .onCommand(UpdateDeployment.class, this::onUpdateDeployment)
        .onCommand(DeleteDeployment.class, this::onDeleteDeployment)
        .build();
  }

  // ---- APIs -------------------------------------------------------------------------------------------------

  private ReplyEffect<ApiEvent, ApiState> onCreateApi(ApiState state, CreateApi c) {
    return change(c.replyTo(), () -> commands.apis().create(state, apiId, c.api()), (s, id) -> s.config().api());
  }

  private ReplyEffect<ApiEvent, ApiState> onUpdateApi(ApiState state, UpdateApi c) {
    return change(c.replyTo(), () -> commands.apis().update(state, c.patch()), (s, id) -> s.config().api());
  }

  private ReplyEffect<ApiEvent, ApiState> onDeleteApi(ApiState state, DeleteApi c) {
    return delete(c.replyTo(), () -> commands.apis().delete(state));
  }

  // ---- Routes and route responses ---------------------------------------------------------------------------

  private ReplyEffect<ApiEvent, ApiState> onCreateRoute(ApiState state, CreateRoute c) {
    return change(c.replyTo(), () -> commands.routes().create(state, c.route()),
        (s, id) -> s.config().routes().get(id));
  }

  private ReplyEffect<ApiEvent, ApiState> onUpdateRoute(ApiState state, UpdateRoute c) {
    return change(c.replyTo(), () -> commands.routes().update(state, c.routeId(), c.patch()),
        (s, id) -> s.config().routes().get(id));
  }

  private ReplyEffect<ApiEvent, ApiState> onDeleteRoute(ApiState state, DeleteRoute c) {
    return delete(c.replyTo(), () -> commands.routes().delete(state, c.routeId()));
  }

  private ReplyEffect<ApiEvent, ApiState> onCreateRouteResponse(ApiState state, CreateRouteResponse c) {
    return change(c.replyTo(), () -> commands.responses().createRouteResponse(state, c.routeId(), c.response()),
        (s, id) -> s.config().responsesOfRoute(c.routeId()).get(id));
  }

  private ReplyEffect<ApiEvent, ApiState> onUpdateRouteResponse(ApiState state, UpdateRouteResponse c) {
    return change(c.replyTo(),
        () -> commands.responses().updateRouteResponse(state, c.routeId(), c.routeResponseId(), c.patch()),
        (s, id) -> s.config().responsesOfRoute(c.routeId()).get(id));
  }

  private ReplyEffect<ApiEvent, ApiState> onDeleteRouteResponse(ApiState state, DeleteRouteResponse c) {
    return delete(c.replyTo(),
        () -> commands.responses().deleteRouteResponse(state, c.routeId(), c.routeResponseId()));
  }

  // ---- Integrations and integration responses ---------------------------------------------------------------

  private ReplyEffect<ApiEvent, ApiState> onCreateIntegration(ApiState state, CreateIntegration c) {
    return change(c.replyTo(), () -> commands.integrations().create(state, c.integration()),
        (s, id) -> s.config().integrations().get(id));
  }

  private ReplyEffect<ApiEvent, ApiState> onUpdateIntegration(ApiState state, UpdateIntegration c) {
    return change(c.replyTo(), () -> commands.integrations().update(state, c.integrationId(), c.patch()),
        (s, id) -> s.config().integrations().get(id));
  }

  private ReplyEffect<ApiEvent, ApiState> onDeleteIntegration(ApiState state, DeleteIntegration c) {
    return delete(c.replyTo(), () -> commands.integrations().delete(state, c.integrationId()));
  }

  private ReplyEffect<ApiEvent, ApiState> onCreateIntegrationResponse(ApiState state, CreateIntegrationResponse c) {
    return change(c.replyTo(),
        () -> commands.responses().createIntegrationResponse(state, c.integrationId(), c.response()),
        (s, id) -> s.config().responsesOfIntegration(c.integrationId()).get(id));
  }

  private ReplyEffect<ApiEvent, ApiState> onUpdateIntegrationResponse(ApiState state, UpdateIntegrationResponse c) {
    return change(c.replyTo(), () -> commands.responses().updateIntegrationResponse(state, c.integrationId(),
            c.integrationResponseId(), c.patch()),
        (s, id) -> s.config().responsesOfIntegration(c.integrationId()).get(id));
  }

  private ReplyEffect<ApiEvent, ApiState> onDeleteIntegrationResponse(ApiState state, DeleteIntegrationResponse c) {
    return delete(c.replyTo(), () -> commands.responses().deleteIntegrationResponse(state, c.integrationId(),
        c.integrationResponseId()));
  }

  // ---- Stages and deployments -------------------------------------------------------------------------------

  private ReplyEffect<ApiEvent, ApiState> onCreateStage(ApiState state, CreateStage c) {
    return change(c.replyTo(), () -> commands.stages().create(state, c.stage()), (s, id) -> s.stages().get(id));
  }

  private ReplyEffect<ApiEvent, ApiState> onUpdateStage(ApiState state, UpdateStage c) {
    return change(c.replyTo(), () -> commands.stages().update(state, c.stageName(), c.patch()),
        (s, id) -> s.stages().get(id));
  }

  private ReplyEffect<ApiEvent, ApiState> onDeleteStage(ApiState state, DeleteStage c) {
    return delete(c.replyTo(), () -> commands.stages().delete(state, c.stageName()));
  }

  private ReplyEffect<ApiEvent, ApiState> onCreateDeployment(ApiState state, CreateDeployment c) {
    return change(c.replyTo(), () -> commands.deployments().create(state, c.stageName(), c.description()),
        (s, id) -> s.deployment(id));
  }

  private ReplyEffect<ApiEvent, ApiState> onUpdateDeployment(ApiState state, UpdateDeployment c) {
    return change(c.replyTo(), () -> commands.deployments().update(state, c.deploymentId(), c.description()),
        (s, id) -> s.deployment(id));
  }

  private ReplyEffect<ApiEvent, ApiState> onDeleteDeployment(ApiState state, DeleteDeployment c) {
    return delete(c.replyTo(), () -> commands.deployments().delete(state, c.deploymentId()));
  }

  // ---- Plumbing ---------------------------------------------------------------------------------------------

  // Persists the events a command decided, publishes the stages, then replies with a view of the new state.
  private <T> ReplyEffect<ApiEvent, ApiState> change(
      ActorRef<StatusReply<T>> replyTo, Supplier<Decision> decider, BiFunction<ApiState, String, T> view) {
    Decision decision;
    try {
      decision = decider.get();
    } catch (RuntimeException e) {
      return failed(replyTo, e);
    }
    return Effect()
        .persist(decision.events())
        .thenRun(newState -> publisher.publish(apiId, newState))
        .thenReply(replyTo, newState -> StatusReply.success(view.apply(newState, decision.id())));
  }

  private ReplyEffect<ApiEvent, ApiState> delete(ActorRef<StatusReply<Done>> replyTo, Supplier<Decision> decider) {
    return change(replyTo, decider, (s, id) -> Done.getInstance());
  }

  // Replies with a view of the state; a rule's error (or a bug) is the reply rather than a stopped entity.
  private <T> ReplyEffect<ApiEvent, ApiState> read(ActorRef<StatusReply<T>> replyTo, Supplier<T> reader) {
    try {
      return Effect().reply(replyTo, StatusReply.success(reader.get()));
    } catch (RuntimeException e) {
      return failed(replyTo, e);
    }
  }

  private <T> ReplyEffect<ApiEvent, ApiState> failed(ActorRef<StatusReply<T>> replyTo, RuntimeException e) {
    if (e instanceof ApiGatewayException) return Effect().reply(replyTo, StatusReply.error(e));
    // A bug in a rule must answer the caller (500) rather than stop the entity and leave it waiting.
    log.error("Command on API {} failed", apiId, e);
    return Effect().reply(replyTo, StatusReply.error(new InternalServerErrorException(
        "Internal server error: " + e.getClass().getSimpleName())));
  }

  private static <T> List<T> items(Map<String, T> byId) {
    return List.copyOf(byId.values());
  }

  private static Map<String, Stage> stages(ApiState state) {
    existing(state);
    return state.stages();
  }

  private static List<Deployment> deployments(ApiState state) {
    existing(state);
    return state.deployments().values().stream().map(DeployedSnapshot::deployment).toList();
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
}
