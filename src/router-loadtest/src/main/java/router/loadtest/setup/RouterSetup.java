package router.loadtest.setup;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Creates the benchmark API on a router through its control plane: routes {@code echo} (MOCK,
 * two-way, answers its response template), {@code whoami} (MOCK, answers
 * {@code $context.connectionId}) and, optionally, {@code $connect} (MOCK), on a stage with autoDeploy.
 */
public final class RouterSetup {

  /** Poll interval while waiting for /health/ready. */
  private static final long READY_POLL_MILLIS = 200;
  /** MOCK integrations answer 200 with this request template (API Gateway's MOCK convention). */
  private static final String MOCK_REQUEST_TEMPLATE = "{\"statusCode\":200}";
  /** Integration timeout: API Gateway's maximum. */
  private static final int TIMEOUT_MILLIS = 29000;

  private final ControlPlane control;

  /** Sets up through {@code control}. */
  public RouterSetup(ControlPlane control) {
    this.control = control;
  }

  /** Waits until {@code GET /health/ready} answers 200, or throws after {@code timeout}. */
  public void awaitReady(Duration timeout) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (control.status("/health/ready") != 200) {
      if (System.nanoTime() > deadline) throw new IOException("router not ready after " + timeout);
      Thread.sleep(READY_POLL_MILLIS);
    }
  }

  /** Creates the API and stage; returns the apiId. */
  public String create(String name, String stage, String echoTemplate, boolean connectRoute)
      throws IOException, InterruptedException {
    String apiId = (String) control.post("/v2/apis", Map.of(
        "name", name,
        "protocolType", "WEBSOCKET",
        "routeSelectionExpression", "$request.body.action")).get("apiId");
    if (apiId == null) throw new IOException("CreateApi answered without apiId");
    twoWayRoute(apiId, "echo", echoTemplate);
    twoWayRoute(apiId, "whoami", "{\"connectionId\":\"$context.connectionId\"}");
    if (connectRoute) {
      String connectIntegration = mockIntegration(apiId);
      control.post("/v2/apis/" + apiId + "/routes", Map.of(
          "routeKey", "$connect",
          "target", "integrations/" + connectIntegration));
    }
    control.post("/v2/apis/" + apiId + "/stages", Map.of("stageName", stage, "autoDeploy", true));
    // autoDeploy deploys at once; an explicit deployment makes sure even if it lags.
    control.post("/v2/apis/" + apiId + "/deployments", Map.of("stageName", stage));
    return apiId;
  }

  private void twoWayRoute(String apiId, String routeKey, String responseTemplate)
      throws IOException, InterruptedException {
    String integrationId = mockIntegration(apiId);
    control.post("/v2/apis/" + apiId + "/integrations/" + integrationId + "/integrationresponses", Map.of(
        "integrationResponseKey", "$default",
        "responseTemplates", Map.of("$default", responseTemplate)));
    String routeId = (String) control.post("/v2/apis/" + apiId + "/routes", Map.of(
        "routeKey", routeKey,
        "target", "integrations/" + integrationId,
        "routeResponseSelectionExpression", "$default")).get("routeId");
    if (routeId == null) throw new IOException("CreateRoute answered without routeId");
    control.post("/v2/apis/" + apiId + "/routes/" + routeId + "/routeresponses",
        Map.of("routeResponseKey", "$default"));
  }

  private String mockIntegration(String apiId) throws IOException, InterruptedException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("integrationType", "MOCK");
    body.put("requestTemplates", Map.of("application/json", MOCK_REQUEST_TEMPLATE));
    body.put("passthroughBehavior", "WHEN_NO_MATCH");
    body.put("timeoutInMillis", TIMEOUT_MILLIS);
    String id = (String) control.post("/v2/apis/" + apiId + "/integrations", body).get("integrationId");
    if (id == null) throw new IOException("CreateIntegration answered without integrationId");
    return id;
  }
}
