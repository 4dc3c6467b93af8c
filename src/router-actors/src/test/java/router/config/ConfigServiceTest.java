package router.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static router.config.ConfigFixtures.autoDeployStage;
import static router.config.ConfigFixtures.mock;
import static router.config.ConfigFixtures.route;
import static router.config.ConfigFixtures.websocketApi;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.SelfUp;
import org.apache.pekko.cluster.typed.Subscribe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import router.config.StagePublisher;
import router.engine.RouterConfig;
import router.errors.ApiGatewayException;
import router.errors.BadRequestException;
import router.errors.NotFoundException;
import router.ids.ResourceIds;
import router.model.Api;
import router.model.Deployment;
import router.model.Integration;
import router.model.Page;
import router.model.Route;
import router.model.Stage;
import router.storage.Storage;

/**
 * The control plane as Java calls, on a cluster of one node: API entities and the API directory under sharding,
 * a real JDBC journal (in-memory H2).
 */
class ConfigServiceTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  private static ActorTestKit testKit;
  private static ConfigService service;

  @BeforeAll
  static void startNode() {
    Config config = RouterConfig.load(ConfigFactory.parseString("""
        router.storage.h2.url = "jdbc:h2:mem:config-service-test;DB_CLOSE_DELAY=-1"
        router.storage.max-connections = 2
        pekko.actor.provider = cluster
        pekko.remote.artery.canonical.hostname = "127.0.0.1"
        pekko.remote.artery.canonical.port = 0
        pekko.actor.serialize-messages = on
        """));
    Storage.createSchema(Storage.settings(config));
    testKit = ActorTestKit.create("ConfigServiceTest", config);
    Cluster cluster = Cluster.get(testKit.system());
    TestProbe<SelfUp> up = testKit.createTestProbe(SelfUp.class);
    cluster.subscriptions().tell(Subscribe.create(up.ref(), SelfUp.class));
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    up.expectMessageClass(SelfUp.class, WAIT);

    StagePublisher nowhere = (apiId, state) -> { };
    ApiEntity.init(testKit.system(), ConfigFixtures.commands(), nowhere);
    ApiDirectory.init(testKit.system());
    service = new ConfigService(testKit.system(), WAIT);
  }

  @AfterAll
  static void stopNode() {
    testKit.shutdownTestKit();
  }

  private static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("failed: " + e.getCause(), e.getCause());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static <E extends ApiGatewayException> E fails(Class<E> type, CompletionStage<?> stage) {
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> stage.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    return assertInstanceOf(type, e.getCause());
  }

  @Test
  void createdApisAreListedInCreationOrderAndPaged() {
    List<String> created = new ArrayList<>();
    for (String name : List.of("one", "two", "three")) created.add(await(service.createApi(websocketApi(name))).apiId());

    List<String> listed = new ArrayList<>();
    String token = null;
    do {
      Page<Api> page = await(service.getApis("2", token));
      assertTrue(page.items().size() <= 2);
      page.items().forEach(api -> listed.add(api.apiId()));
      token = page.nextToken();
    } while (token != null);

    assertEquals(created, listed.stream().filter(created::contains).toList());
    assertEquals(listed, await(service.apiIds()));
  }

  @Test
  void aDeletedApiIsNotFoundAndNoLongerListed() {
    String apiId = await(service.createApi(websocketApi("doomed"))).apiId();
    assertTrue(await(service.apiIds()).contains(apiId));

    await(service.deleteApi(apiId));

    fails(NotFoundException.class, service.<Api>ask(apiId, ApiEntity.GetApi::new));
    assertFalse(await(service.apiIds()).contains(apiId));
  }

  @Test
  void anIdThatCannotBeAnApiIdIsNotFound() {
    for (String id : List.of("../etc", "a b", "")) {
      assertTrue(fails(NotFoundException.class, service.<Api>ask(id, ApiEntity.GetApi::new)).getMessage()
          .startsWith("Invalid API identifier specified"));
    }
  }

  @Test
  void rejectionsCompleteWithTheirApiGatewayType() {
    String apiId = await(service.createApi(websocketApi("chat"))).apiId();
    BadRequestException e = fails(BadRequestException.class,
        service.<Route>ask(apiId, r -> new ApiEntity.CreateRoute(route("$custom"), r)));
    assertEquals(400, e.httpStatus());
    fails(BadRequestException.class, service.createApi(websocketApi(null)));
    fails(NotFoundException.class, service.<Route>ask(apiId, r -> new ApiEntity.GetRoute("nope", r)));
  }

  @Test
  void collectionsArePagedWithMaxResultsAndNextToken() {
    String apiId = await(service.createApi(websocketApi("chat"))).apiId();
    for (String key : List.of("a", "b", "c")) {
      await(service.<Route>ask(apiId, r -> new ApiEntity.CreateRoute(route(key), r)));
    }

    Page<Route> first = await(service.page(apiId, ApiEntity.GetRoutes::new, "2", null));
    assertEquals(List.of("a", "b"), first.items().stream().map(Route::routeKey).toList());
    Page<Route> second = await(service.page(apiId, ApiEntity.GetRoutes::new, "2", first.nextToken()));
    assertEquals(List.of("c"), second.items().stream().map(Route::routeKey).toList());
    assertNull(second.nextToken());
    fails(BadRequestException.class, service.page(apiId, ApiEntity.GetRoutes::new, "0", null));
  }

  @Test
  void anAutoDeployStageIsDeployedByTheTimeTheRouteIsCreated() {
    String apiId = await(service.createApi(websocketApi("chat"))).apiId();
    Integration integration = await(service.<Integration>ask(apiId, r -> new ApiEntity.CreateIntegration(mock(), r)));
    await(service.<Stage>ask(apiId, r -> new ApiEntity.CreateStage(autoDeployStage("live"), r)));
    await(service.<Route>ask(apiId,
        r -> new ApiEntity.CreateRoute(route("$default", integration.integrationId()), r)));

    Stage live = await(service.<Stage>ask(apiId, r -> new ApiEntity.GetStage("live", r)));
    assertNotNull(live.deploymentId());
    List<Deployment> deployments = await(service.page(apiId, ApiEntity.GetDeployments::new, null, null)).items();
    assertEquals(List.of(live.deploymentId()), deployments.stream().map(Deployment::deploymentId).toList());
    assertEquals(true, deployments.get(0).autoDeployed());
  }

  @Test
  void theRepairRegistersAnApiWhoseRegistrationWasLostButNotADeletedOne() {
    // CreateApi's second step lost: the entity has the API, the directory does not list it.
    String orphan = ResourceIds.apiId();
    await(service.<Api>ask(orphan, r -> new ApiEntity.CreateApi(websocketApi("orphan"), r)));
    String deleted = ResourceIds.apiId();
    await(service.<Api>ask(deleted, r -> new ApiEntity.CreateApi(websocketApi("deleted"), r)));
    await(service.<Done>ask(deleted, ApiEntity.DeleteApi::new));
    assertFalse(await(service.apiIds()).contains(orphan));

    assertEquals(List.of(orphan), await(service.repairDirectory()));

    List<String> listed = await(service.apiIds());
    assertTrue(listed.contains(orphan));
    assertFalse(listed.contains(deleted));
    assertEquals(List.of(), await(service.repairDirectory()));
  }
}
