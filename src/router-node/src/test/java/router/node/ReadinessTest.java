package router.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.junit.jupiter.api.Test;

/** The reasons /health/ready gives, and the JSON it gives them in. */
class ReadinessTest {
  @Test
  void isReadyWhenUpWithStagesLoaded() {
    assertEquals(List.of(), Readiness.reasons(MemberStatus.up(), true, null));
  }

  @Test
  void namesTheClusterAndTheStagesWhileJoining() {
    List<String> reasons = Readiness.reasons(MemberStatus.joining(), false, null);
    assertEquals(2, reasons.size());
    assertTrue(reasons.get(0).startsWith("cluster: this node's member status is Joining, not Up"), reasons.get(0));
    assertTrue(reasons.get(1).startsWith("stages: loading"), reasons.get(1));
  }

  @Test
  void namesAFailedStartInsteadOfLoading() {
    assertEquals(List.of("engine: failed to start: journal unreachable"),
        Readiness.reasons(MemberStatus.up(), false, "journal unreachable"));
  }

  @Test
  void answers503WithTheReasonsAsJsonStrings() {
    HttpResponse response = HealthRoutes.ready(List.of("a \"quoted\" reason", "two"));
    assertEquals(503, response.status().intValue());
    assertEquals("{\"status\":\"not ready\",\"reasons\":[\"a \\\"quoted\\\" reason\",\"two\"]}", body(response));
  }

  @Test
  void answers200ReadyWithoutReasons() {
    HttpResponse response = HealthRoutes.ready(List.of());
    assertEquals(200, response.status().intValue());
    assertEquals("{\"status\":\"ready\"}", body(response));
  }

  private static String body(HttpResponse response) {
    return ((HttpEntity.Strict) response.entity()).getData().utf8String();
  }
}
