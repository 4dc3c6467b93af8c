package router.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static router.config.ConfigFixtures.autoDeployStage;
import static router.config.ConfigFixtures.mock;
import static router.config.ConfigFixtures.route;
import static router.config.ConfigFixtures.routeResponse;
import static router.config.ConfigFixtures.stage;
import static router.config.ConfigFixtures.websocketApi;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import router.deploy.DeployedStage;
import router.deploy.DeploymentCompiler;
import router.deploy.LiveStages;
import router.deploy.StageDistribution;
import router.deploy.StageReplicator;
import router.engine.RouterConfig;
import router.errors.ApiGatewayException;
import router.errors.BadRequestException;
import router.errors.ConflictException;
import router.errors.NotFoundException;
import router.integration.IntegrationBackends;
import router.model.Api;
import router.model.Deployment;
import router.model.Integration;
import router.model.Route;
import router.model.RouteResponse;
import router.model.RouteSettings;
import router.model.Stage;
import router.runtime.StageHandle;
import router.storage.Storage;
import router.template.TemplateEngine;

/**
 * The API entity on a real pekko-persistence-jdbc journal (in-memory H2, Router's own schema and storage wiring),
 * with every message serialized as if it crossed the cluster.
 */
class ApiEntityTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final AtomicInteger IDS = new AtomicInteger();

  private static ActorTestKit testKit;

  @BeforeAll
  static void startSystem() {
    Config config = RouterConfig.load(ConfigFactory.parseString("""
        router.storage.h2.url = "jdbc:h2:mem:api-entity-test;DB_CLOSE_DELAY=-1"
        router.storage.max-connections = 2
        pekko.actor.serialize-messages = on
        # By default Pekko's own classes (StatusReply, Done) are exempt from that check; the replies must cross too.
        # Except the typed timers' envelope, which never leaves its actor (checked, it would be swallowed).
        pekko.actor.no-serialization-verification-needed-class-prefix = [
          "org.apache.pekko.actor.typed.internal.TimerSchedulerImpl$"]
        """));
    Storage.createSchema(Storage.settings(config));
    testKit = ActorTestKit.create("ApiEntityTest", config);
  }

  @AfterAll
  static void stopSystem() {
    testKit.shutdownTestKit();
  }

  /** The data plane as the entity sees it: each publication, in order. */
  private static final class RecordingPublisher implements StagePublisher {
    final List<ApiState> publications = new CopyOnWriteArrayList<>();

    @Override
    public void publish(String apiId, ApiState state) {
      publications.add(state);
    }

    ApiState last() {
      return publications.get(publications.size() - 1);
    }
  }

  private static String newApiId() {
    return "api" + IDS.incrementAndGet();
  }

  private static ActorRef<ApiEntity.Command> spawn(String apiId, StagePublisher publisher) {
    return testKit.spawn(ApiEntity.create(apiId, ConfigFixtures.commands(), publisher));
  }

  private static <T> StatusReply<T> ask(ActorRef<ApiEntity.Command> entity, Class<T> replyType,
      Function<ActorRef<StatusReply<T>>, ApiEntity.Command> command) {
    TestProbe<StatusReply<T>> probe = testKit.createTestProbe();
    entity.tell(command.apply(probe.ref()));
    return probe.receiveMessage(WAIT);
  }

  private static <T> T success(ActorRef<ApiEntity.Command> entity, Class<T> replyType,
      Function<ActorRef<StatusReply<T>>, ApiEntity.Command> command) {
    StatusReply<T> reply = ask(entity, replyType, command);
    assertTrue(reply.isSuccess(), () -> "expected success, got " + reply.getError());
    return reply.getValue();
  }

  private static <E extends ApiGatewayException> E failure(Class<E> type, StatusReply<?> reply) {
    assertTrue(reply.isError(), () -> "expected " + type.getSimpleName() + ", got " + reply.getValue());
    return assertInstanceOf(type, reply.getError());
  }

  private static void wake(ActorRef<ApiEntity.Command> entity) {
    TestProbe<Done> probe = testKit.createTestProbe();
    entity.tell(new ApiEntity.Wake(probe.ref()));
    probe.expectMessage(WAIT, Done.getInstance());
  }

  /** An API with a MOCK integration, a two-way $default route and an autoDeploy stage "live". */
  private static Stage populate(ActorRef<ApiEntity.Command> entity) {
    success(entity, Api.class, r -> new ApiEntity.CreateApi(websocketApi("chat"), r));
    Integration integration = success(entity, Integration.class, r -> new ApiEntity.CreateIntegration(mock(), r));
    Route route = success(entity, Route.class, r -> new ApiEntity.CreateRoute(route("$default", integration.integrationId()), r));
    success(entity, RouteResponse.class, r -> new ApiEntity.CreateRouteResponse(route.routeId(), routeResponse("$default"), r));
    return success(entity, Stage.class, r -> new ApiEntity.CreateStage(autoDeployStage("live"), r));
  }

  @Test
  void repliesCarryTheCreatedResources() {
    String apiId = newApiId();
    ActorRef<ApiEntity.Command> entity = spawn(apiId, new RecordingPublisher());

    Api api = success(entity, Api.class, r -> new ApiEntity.CreateApi(websocketApi("chat"), r));
    assertEquals(apiId, api.apiId());
    assertEquals("$request.header.x-api-key", api.apiKeySelectionExpression());

    Integration integration = success(entity, Integration.class, r -> new ApiEntity.CreateIntegration(mock(), r));
    assertNotNull(integration.integrationId());
    assertEquals(29000, integration.timeoutInMillis());

    Route route = success(entity, Route.class, r -> new ApiEntity.CreateRoute(route("$default", integration.integrationId()), r));
    assertEquals("$default", route.routeKey());
    assertEquals("NONE", route.authorizationType());

    Stage stage = success(entity, Stage.class, r -> new ApiEntity.CreateStage(autoDeployStage("live"), r));
    assertNotNull(stage.deploymentId());
    assertEquals("Successfully deployed stage with deployment ID '" + stage.deploymentId() + "'",
        stage.lastDeploymentStatusMessage());

    Deployment deployment = success(entity, Deployment.class, r -> new ApiEntity.GetDeployment(stage.deploymentId(), r));
    assertEquals(true, deployment.autoDeployed());
    assertEquals(List.of(route), success(entity, ApiEntity.Routes.class, ApiEntity.GetRoutes::new).items());
  }

  @Test
  void errorsArriveAsStatusReplyErrorsOfTheirApiGatewayType() {
    ActorRef<ApiEntity.Command> entity = spawn(newApiId(), new RecordingPublisher());

    NotFoundException noApi = failure(NotFoundException.class, ask(entity, Api.class, ApiEntity.GetApi::new));
    assertEquals("Invalid API identifier specified", noApi.getMessage());
    assertEquals(404, noApi.httpStatus());

    success(entity, Api.class, r -> new ApiEntity.CreateApi(websocketApi("chat"), r));
    BadRequestException custom = failure(BadRequestException.class,
        ask(entity, Route.class, r -> new ApiEntity.CreateRoute(route("$custom"), r)));
    assertTrue(custom.getMessage().startsWith("Route key $custom is invalid"), custom.getMessage());
    assertEquals("Unable to deploy API because no routes exist in this API", failure(BadRequestException.class,
        ask(entity, Deployment.class, r -> new ApiEntity.CreateDeployment(null, null, r))).getMessage());

    success(entity, Route.class, r -> new ApiEntity.CreateRoute(route("join"), r));
    ConflictException duplicate =
        failure(ConflictException.class, ask(entity, Route.class, r -> new ApiEntity.CreateRoute(route("join"), r)));
    assertEquals("Route with key join already exists for this API", duplicate.getMessage());

    assertEquals("Invalid Route identifier specified nope", failure(NotFoundException.class,
        ask(entity, Route.class, r -> new ApiEntity.GetRoute("nope", r))).getMessage());
    failure(ConflictException.class,
        ask(entity, Api.class, r -> new ApiEntity.CreateApi(websocketApi("again"), r)));
  }

  @Test
  void everyApiGatewayErrorKeepsItsTypeAndMessageAcrossSerialization() {
    // What an entity on another node sends back: the StatusReply goes through Pekko's serializers.
    Serialization serialization = SerializationExtension.get(testKit.system().classicSystem());
    List<ApiGatewayException> errors = List.of(new BadRequestException("b"), new ConflictException("c"),
        new NotFoundException("n"), new router.errors.ForbiddenException("f"), new router.errors.GoneException("g"),
        new router.errors.LimitExceededException("l"), new router.errors.PayloadTooLargeException("p"),
        new router.errors.TooManyRequestsException("t"));
    for (ApiGatewayException error : errors) {
      StatusReply<Object> original = StatusReply.error(error);
      Serializer serializer = serialization.findSerializerFor(original);
      byte[] bytes = serialization.serialize(original).get();
      StatusReply<?> copy = (StatusReply<?>) serialization.deserialize(bytes, serializer.identifier(),
          Serializers.manifestFor(serializer, original)).get();

      ApiGatewayException received = failure(error.getClass(), copy);
      assertEquals(error.getMessage(), received.getMessage());
      assertEquals(error.httpStatus(), received.httpStatus());
    }
  }

  @Test
  void aRejectedCommandLeavesTheEntityRunning() {
    ActorRef<ApiEntity.Command> entity = spawn(newApiId(), new RecordingPublisher());
    success(entity, Api.class, r -> new ApiEntity.CreateApi(websocketApi("chat"), r));
    Map<String, RouteSettings> missingSettings = new HashMap<>();
    missingSettings.put("join", null);

    failure(BadRequestException.class, ask(entity, Stage.class, r -> new ApiEntity.CreateStage(
        Stage.builder().stageName("dev").routeSettings(missingSettings).build(), r)));

    assertEquals("dev", success(entity, Stage.class, r -> new ApiEntity.CreateStage(stage("dev"), r)).stageName());
  }

  @Test
  void recoversRoutesStagesAndDeploymentsFromTheJournal() {
    String apiId = newApiId();
    ActorRef<ApiEntity.Command> entity = spawn(apiId, new RecordingPublisher());
    populate(entity);
    Route join = success(entity, Route.class, r -> new ApiEntity.CreateRoute(route("join"), r));
    Route leave = success(entity, Route.class, r -> new ApiEntity.CreateRoute(route("leave"), r));
    success(entity, Done.class, r -> new ApiEntity.DeleteRoute(leave.routeId(), r));
    success(entity, Stage.class, r -> new ApiEntity.CreateStage(stage("manual"), r));
    Deployment manual = success(entity, Deployment.class, r -> new ApiEntity.CreateDeployment("manual", "by hand", r));

    Api api = success(entity, Api.class, ApiEntity.GetApi::new);
    List<Route> routes = success(entity, ApiEntity.Routes.class, ApiEntity.GetRoutes::new).items();
    List<Stage> stages = success(entity, ApiEntity.Stages.class, ApiEntity.GetStages::new).items();
    List<Deployment> deployments = success(entity, ApiEntity.Deployments.class, ApiEntity.GetDeployments::new).items();
    List<RouteResponse> routeResponses =
        success(entity, ApiEntity.RouteResponses.class, r -> new ApiEntity.GetRouteResponses(routes.get(0).routeId(), r)).items();

    testKit.stop(entity, WAIT);
    ActorRef<ApiEntity.Command> recovered = spawn(apiId, new RecordingPublisher());

    assertEquals(api, success(recovered, Api.class, ApiEntity.GetApi::new));
    assertEquals(routes, success(recovered, ApiEntity.Routes.class, ApiEntity.GetRoutes::new).items());
    assertEquals(stages, success(recovered, ApiEntity.Stages.class, ApiEntity.GetStages::new).items());
    assertEquals(deployments, success(recovered, ApiEntity.Deployments.class, ApiEntity.GetDeployments::new).items());
    assertEquals(routeResponses,
        success(recovered, ApiEntity.RouteResponses.class, r -> new ApiEntity.GetRouteResponses(routes.get(0).routeId(), r)).items());
    assertEquals(List.of("$default", "join"), routes.stream().map(Route::routeKey).toList());
    assertEquals(manual.deploymentId(),
        stages.stream().filter(s -> s.stageName().equals("manual")).findFirst().orElseThrow().deploymentId());

    // Recovered, it goes on from where it was: a new route key still conflicts, a new change still redeploys.
    failure(ConflictException.class, ask(recovered, Route.class, r -> new ApiEntity.CreateRoute(route("join"), r)));
    success(recovered, Done.class, r -> new ApiEntity.DeleteRoute(join.routeId(), r));
    Stage live = success(recovered, Stage.class, r -> new ApiEntity.GetStage("live", r));
    assertEquals(deployments.size() + 1, success(recovered, ApiEntity.Deployments.class, ApiEntity.GetDeployments::new).items().size());
    assertTrue(deployments.stream().noneMatch(d -> d.deploymentId().equals(live.deploymentId())));
  }

  @Test
  void publishesDeployedStagesAfterEveryChangeAndAfterRecovery() {
    String apiId = newApiId();
    RecordingPublisher publisher = new RecordingPublisher();
    ActorRef<ApiEntity.Command> entity = spawn(apiId, publisher);
    wake(entity);
    assertEquals(1, publisher.publications.size(), "an entity with an empty journal publishes once recovered");
    assertTrue(DeployedStage.allOf(apiId, publisher.last()).isEmpty());

    Stage live = populate(entity);
    int changes = 5;
    assertEquals(1 + changes, publisher.publications.size());
    ApiState published = publisher.last();
    Map<String, DeployedStage> deployed = DeployedStage.allOf(apiId, published);
    assertEquals(List.of(DeployedStage.key(apiId, "live")), List.copyOf(deployed.keySet()));
    DeployedStage liveStage = deployed.get(DeployedStage.key(apiId, "live"));
    assertEquals(live.deploymentId(), liveStage.deployment().deploymentId());
    assertEquals(1, liveStage.config().responsesOfRoute(liveStage.config().routes().keySet().iterator().next())
        .size());

    // Reads publish nothing.
    success(entity, ApiEntity.Stages.class, ApiEntity.GetStages::new);
    assertEquals(1 + changes, publisher.publications.size());

    testKit.stop(entity, WAIT);
    RecordingPublisher afterRestart = new RecordingPublisher();
    ActorRef<ApiEntity.Command> recovered = spawn(apiId, afterRestart);
    wake(recovered);

    assertEquals(1, afterRestart.publications.size());
    assertEquals(published.revision(), afterRestart.last().revision());
    assertEquals(deployed, DeployedStage.allOf(apiId, afterRestart.last()));
  }

  @Test
  void aDeletedApiPublishesNoStages() {
    String apiId = newApiId();
    RecordingPublisher publisher = new RecordingPublisher();
    ActorRef<ApiEntity.Command> entity = spawn(apiId, publisher);
    populate(entity);

    success(entity, Done.class, ApiEntity.DeleteApi::new);

    assertTrue(DeployedStage.allOf(apiId, publisher.last()).isEmpty());
    failure(NotFoundException.class, ask(entity, Api.class, ApiEntity.GetApi::new));
    failure(NotFoundException.class, ask(entity, ApiEntity.Stages.class, ApiEntity.GetStages::new));
  }

  @Test
  void aDeploymentIsServedOnThisNodeBeforeItsReplyAndAfterARestart() {
    String apiId = newApiId();
    TestProbe<StageReplicator.Command> replicator = testKit.createTestProbe();
    LiveStages node = new LiveStages(new DeploymentCompiler(new TemplateEngine(), IntegrationBackends.standard()));
    ActorRef<ApiEntity.Command> entity = spawn(apiId, new StageDistribution(node, replicator.ref()));

    Stage live = populate(entity);
    StageReplicator.Publish publish = lastOf(replicator, 1 + 5);

    StageHandle handle = node.handle(apiId, "live");
    assertNotNull(handle);
    assertEquals(live.deploymentId(), handle.current().deploymentId());
    assertEquals(live.deploymentId(),
        publish.entries().get(DeployedStage.key(apiId, "live")).deployed().deployment().deploymentId());

    success(entity, Done.class, r -> new ApiEntity.DeleteStage("live", r));
    assertNull(node.handle(apiId, "live"));
    assertTrue(lastOf(replicator, 1).entries().get(DeployedStage.key(apiId, "live")).isRetired());

    success(entity, Stage.class, r -> new ApiEntity.CreateStage(Stage.builder().stageName("again").autoDeploy(true).build(), r));
    testKit.stop(entity, WAIT);
    LiveStages restartedNode =
        new LiveStages(new DeploymentCompiler(new TemplateEngine(), IntegrationBackends.standard()));
    wake(spawn(apiId, new StageDistribution(restartedNode, replicator.ref())));
    lastOf(replicator, 1 + 1);

    assertNotNull(restartedNode.handle(apiId, "again"));
    assertNull(restartedNode.handle(apiId, "live"));
  }

  // Each change and each recovery tells the replicator once, before the entity replies.
  private static StageReplicator.Publish lastOf(TestProbe<StageReplicator.Command> replicator, int publications) {
    List<StageReplicator.Command> received = replicator.receiveSeveralMessages(publications, WAIT);
    return assertInstanceOf(StageReplicator.Publish.class, received.get(publications - 1));
  }
}
