package router.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The builders of the wide model records: unset fields stay null, and toBuilder changes only what it is told. */
class BuildersTest {

  @Test
  void aBuilderLeavesEveryFieldItIsNotGivenNull() {
    Integration mock = Integration.builder().integrationType("MOCK").build();
    assertEquals(new Integration(null, "MOCK", null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null), mock);
  }

  @Test
  void toBuilderChangesOnlyTheFieldsSet() {
    Integration http = Integration.builder().integrationId("abc1234").integrationType("HTTP")
        .integrationMethod("POST").integrationUri("https://example.com").timeoutInMillis(50)
        .requestTemplates(Map.of("$default", "{}")).build();
    Integration changed = http.toBuilder().integrationUri("https://example.org").build();
    assertEquals("https://example.org", changed.integrationUri());
    assertEquals(http.merge(Integration.builder().integrationUri("https://example.org").build()), changed);
  }

  @Test
  void everyWideRecordRoundTripsThroughItsBuilder() {
    Api api = new Api("a1", "chat", "WEBSOCKET", "$request.body.action", "$request.header.x-api-key", "d", false,
        true, "v1", "ipv4", Map.of("k", "v"), Instant.EPOCH, "ws://x", false, null);
    assertEquals(api, api.toBuilder().build());
    Route route = new Route("r1", "echo", "integrations/i1", "$default", false, "NONE", null, null, null, "op",
        null, null, null);
    assertEquals(route, route.toBuilder().build());
    Stage stage = new Stage("dev", "d1", "desc", true, Map.of("v", "1"), RouteSettings.DEFAULT, Map.of(), null,
        null, Map.of(), Instant.EPOCH, Instant.EPOCH, "ok", null);
    assertEquals(stage, stage.toBuilder().build());
    assertNull(stage.toBuilder().deploymentId(null).build().deploymentId());
  }
}
