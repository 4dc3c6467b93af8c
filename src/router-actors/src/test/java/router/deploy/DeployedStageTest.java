package router.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static router.config.ConfigFixtures.autoDeployStage;
import static router.config.ConfigFixtures.mock;
import static router.config.ConfigFixtures.route;
import static router.config.ConfigFixtures.stage;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import router.config.ConfigFixtures.Bench;

/** What an API entity publishes: one entry per stage that points at a deployment, with the frozen config. */
class DeployedStageTest {

  private static Bench apiWithDefaultRoute() {
    Bench bench = new Bench().withApi();
    String integrationId = bench.integration(mock());
    bench.route(route("$default", integrationId));
    return bench;
  }

  @Test
  void onlyStagesThatPointAtADeploymentArePublished() {
    Bench bench = apiWithDefaultRoute();
    bench.stage(stage("undeployed"));
    bench.stage(autoDeployStage("live"));
    bench.stage(stage("manual"));
    String manual = bench.deploy("manual");

    Map<String, DeployedStage> all = DeployedStage.allOf("api1", bench.state);

    assertEquals(List.of("api1/live", "api1/manual"), List.copyOf(all.keySet()));
    DeployedStage entry = all.get("api1/manual");
    assertEquals("api1/manual", entry.key());
    assertEquals(manual, entry.deployment().deploymentId());
    assertSame(bench.state.deployments().get(manual).config(), entry.config());
    assertEquals(bench.state.revision(), entry.revision());
  }

  @Test
  void aDeletedApiPublishesNothing() {
    Bench bench = apiWithDefaultRoute();
    bench.stage(autoDeployStage("live"));
    bench.run(s -> bench.commands.apis().delete(s));
    assertTrue(DeployedStage.allOf("api1", bench.state).isEmpty());
  }

  @Test
  void sameContentIgnoresTheRevisionButNotTheStageOrConfig() {
    Bench bench = apiWithDefaultRoute();
    bench.stage(stage("dev"));
    bench.deploy("dev");
    DeployedStage first = DeployedStage.allOf("api1", bench.state).get("api1/dev");

    bench.route(route("join"));
    DeployedStage afterUnrelatedChange = DeployedStage.allOf("api1", bench.state).get("api1/dev");
    assertTrue(afterUnrelatedChange.revision() > first.revision());
    assertTrue(afterUnrelatedChange.sameContentAs(first));

    bench.deploy("dev");
    assertFalse(DeployedStage.allOf("api1", bench.state).get("api1/dev").sameContentAs(first));
    assertFalse(first.sameContentAs(null));
  }
}
