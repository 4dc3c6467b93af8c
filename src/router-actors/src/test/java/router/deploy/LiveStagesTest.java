package router.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static router.config.ConfigFixtures.mock;
import static router.config.ConfigFixtures.route;
import static router.config.ConfigFixtures.stage;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import router.config.ApiConfig;
import router.config.ConfigFixtures.Bench;
import router.model.Api;
import router.runtime.StageHandle;

/** This node's registry of compiled stages: ordering by revision, tombstones, compile once, keep on failure. */
class LiveStagesTest {
  private static final String KEY = DeployedStage.key("api1", "dev");

  private RecordingCompiler compiler;
  private LiveStages live;
  private Bench bench;

  @BeforeEach
  void setUp() {
    compiler = new RecordingCompiler();
    live = new LiveStages(compiler);
    bench = new Bench().withApi();
    String integrationId = bench.integration(mock());
    bench.route(route("$default", integrationId));
    bench.stage(stage("dev"));
  }

  /** Deploys the API's current config to stage dev and returns what the entity would publish for it. */
  private DeployedStage deployDev() {
    bench.deploy("dev");
    return current();
  }

  private DeployedStage current() {
    return DeployedStage.allOf("api1", bench.state).get(KEY);
  }

  private void offer(DeployedStage deployed) {
    live.apply(KEY, new StageEntry(deployed.revision(), deployed));
  }

  private String servedDeployment() {
    StageHandle handle = live.handle("api1", "dev");
    return handle == null ? null : handle.current().deploymentId();
  }

  @Test
  void servesAPublishedStage() {
    DeployedStage first = deployDev();
    offer(first);

    StageHandle handle = live.handle("api1", "dev");
    assertNotNull(handle);
    assertEquals(first.deployment().deploymentId(), handle.current().deploymentId());
    assertEquals("api1", handle.apiId());
    assertEquals("dev", handle.stageName());
    assertEquals(1, live.size());
    assertNull(live.handle("api1", "prod"));
  }

  @Test
  void aNewerRevisionReplacesTheStageBehindTheSameHandle() {
    DeployedStage first = deployDev();
    offer(first);
    StageHandle held = live.handle("api1", "dev");

    bench.route(route("join", "i1"));
    DeployedStage second = deployDev();
    offer(second);

    assertSame(held, live.handle("api1", "dev"));
    assertEquals(second.deployment().deploymentId(), held.current().deploymentId());
    assertNotNull(held.current().messageRoutes().get("join"));
  }

  @Test
  void anOlderRevisionIsIgnoredWithoutCompiling() {
    DeployedStage first = deployDev();
    DeployedStage second = deployDev();
    offer(second);
    offer(first);

    assertEquals(second.deployment().deploymentId(), servedDeployment());
    assertEquals(List.of(second), compiler.compiled);
  }

  @Test
  void aTombstoneRetiresTheStage() {
    DeployedStage first = deployDev();
    offer(first);
    StageHandle held = live.handle("api1", "dev");

    live.apply(KEY, new StageEntry(first.revision() + 1, null));

    assertNull(live.handle("api1", "dev"));
    assertNull(held.current());
    assertEquals(0, live.size());
    assertEquals(List.of(KEY), live.keysOf("api1"));
  }

  @Test
  void retiringAServedStageTellsTheListenerOnceAndKeepsWhatItServedLast() {
    List<StageHandle> retired = new java.util.ArrayList<>();
    live.onRetired(retired::add);
    DeployedStage first = deployDev();
    offer(first);
    StageHandle held = live.handle("api1", "dev");

    live.apply(KEY, new StageEntry(first.revision() + 1, null));
    live.apply(KEY, new StageEntry(first.revision() + 2, null));
    live.apply(DeployedStage.key("api1", "never"), new StageEntry(first.revision() + 2, null));

    assertEquals(List.of(held), retired);
    assertNull(held.current());
    assertEquals(first.deployment().deploymentId(), held.lastServed().deploymentId());
  }

  @Test
  void anOlderPublicationDoesNotResurrectARetiredStage() {
    DeployedStage first = deployDev();
    offer(first);
    live.apply(KEY, new StageEntry(first.revision() + 5, null));

    offer(first);

    assertNull(live.handle("api1", "dev"));
  }

  @Test
  void aTombstoneForAStageNeverServedHereStillBlocksOlderPublications() {
    // Updates may arrive in any order: the retirement can be the first thing this node hears of a stage.
    DeployedStage first = deployDev();
    live.apply(KEY, new StageEntry(first.revision() + 5, null));

    offer(first);

    assertNull(live.handle("api1", "dev"));
    assertEquals(0, compiler.count());
  }

  @Test
  void aNewerPublicationAfterATombstoneServesAgain() {
    DeployedStage first = deployDev();
    offer(first);
    live.apply(KEY, new StageEntry(first.revision() + 1, null));

    DeployedStage again = new DeployedStage("api1", first.stage(), first.deployment(), first.config(),
        first.revision() + 2);
    offer(again);

    assertEquals(first.deployment().deploymentId(), servedDeployment());
    assertEquals(2, compiler.count());
  }

  @Test
  void theSameContentAtANewerRevisionIsNotRecompiled() {
    DeployedStage first = deployDev();
    offer(first);

    // Changes that do not touch what dev serves: the API's current config and another stage.
    bench.route(route("join", "i1"));
    bench.stage(stage("qa"));
    DeployedStage later = current();
    assertTrue(later.revision() > first.revision());
    offer(later);

    assertEquals(1, compiler.count());
    assertEquals(first.deployment().deploymentId(), servedDeployment());
  }

  @Test
  void aStageSettingChangeIsRecompiled() {
    DeployedStage first = deployDev();
    offer(first);

    bench.run(s -> bench.commands.stages().update(s, "dev",
        router.model.Stage.builder().stageVariables(java.util.Map.of("v", "2")).build()));
    offer(current());

    assertEquals(2, compiler.count());
    assertEquals("2", live.handle("api1", "dev").current().stageVariables().get("v"));
  }

  @Test
  void aCompileFailureKeepsThePreviousStageLive() {
    DeployedStage good = deployDev();
    offer(good);

    DeployedStage broken = withRouteSelection(deployDev(), "$request.body.[");
    offer(broken);

    assertEquals(good.deployment().deploymentId(), servedDeployment());
    assertEquals(2, compiler.count());

    // A later good publication still gets through.
    bench.route(route("join", "i1"));
    DeployedStage fixed = deployDev();
    offer(fixed);
    assertEquals(fixed.deployment().deploymentId(), servedDeployment());
  }

  @Test
  void aCompileFailureWithNothingLiveServesNothing() {
    offer(withRouteSelection(deployDev(), "$request.body.["));
    assertNull(live.handle("api1", "dev"));
    assertEquals(0, live.size());
  }

  @Test
  void keysOfListsOneApisStagesOnly() {
    offer(deployDev());
    DeployedStage other = new DeployedStage("api2", current().stage(), current().deployment(), current().config(),
        1);
    live.apply(other.key(), new StageEntry(1, other));

    assertEquals(List.of(KEY), live.keysOf("api1"));
    assertEquals(List.of("api2/dev"), live.keysOf("api2"));
    assertEquals(2, live.size());
  }

  // The same deployment with a route selection expression the compiler rejects (as if an engine limit changed
  // under a stored deployment: the control plane never stores such an expression).
  private static DeployedStage withRouteSelection(DeployedStage deployed, String expression) {
    ApiConfig config = deployed.config();
    Api api = config.api();
    Api broken = new Api(api.apiId(), api.name(), api.protocolType(), expression, api.apiKeySelectionExpression(),
        api.description(), api.disableSchemaValidation(), api.disableExecuteApiEndpoint(), api.version(),
        api.ipAddressType(), api.tags(), api.createdDate(), api.apiEndpoint(), api.apiGatewayManaged(),
        api.warnings());
    return new DeployedStage(deployed.apiId(), deployed.stage(), deployed.deployment(), config.withApi(broken),
        deployed.revision());
  }

  @Test
  void reportsTheLagFromPublicationToInstallOfWhatWasPublishedWhileRunning() {
    long[] now = {1_000_000L};
    List<Long> lags = new java.util.ArrayList<>();
    LiveStages timed = new LiveStages(compiler, new router.metrics.RouterMetrics() {
      @Override
      public void stageInstalled(long lagMillis) {
        lags.add(lagMillis);
      }
    }, () -> now[0]);
    DeployedStage first = deployDev();
    // Published before this node started: caught up on, not lag.
    timed.apply(KEY, new StageEntry(first.revision(), first, now[0] - 5_000));
    assertEquals(List.of(), lags);
    DeployedStage second = deployDev();
    now[0] += 10_000;
    timed.apply(KEY, new StageEntry(second.revision(), second, now[0] - 250));
    assertEquals(List.of(250L), lags);
    // The same deployment again (local publication, then replication): installed once, reported once.
    timed.apply(KEY, new StageEntry(second.revision(), second, now[0] - 100));
    assertEquals(List.of(250L), lags);
    // Unstamped (a node of an earlier version): not reported.
    DeployedStage third = deployDev();
    timed.apply(KEY, new StageEntry(third.revision(), third, 0));
    assertEquals(List.of(250L), lags);
    assertEquals(third.deployment().deploymentId(), timed.handle("api1", "dev").current().deploymentId());
  }
}
