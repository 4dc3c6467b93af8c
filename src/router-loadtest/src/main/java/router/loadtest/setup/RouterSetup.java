package router.loadtest.setup;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates the benchmark API on a router through its control plane: routes {@code echo} (MOCK,
 * two-way, answers its response template), {@code whoami} (MOCK, answers
 * {@code $context.connectionId}), optionally {@code $connect} (MOCK), and optionally the two-way
 * proxy routes {@value #HTTP_ROUTE} (HTTP_PROXY, POST) and {@value #LAMBDA_ROUTE} (AWS_PROXY), on a
 * stage with autoDeploy.
 */
public final class RouterSetup {

  /** Poll interval while waiting for /health/ready. */
  private static final long READY_POLL_MILLIS = 200;
  /** MOCK integrations answer 200 with this request template (API Gateway's MOCK convention). */
  private static final String MOCK_REQUEST_TEMPLATE = "{\"statusCode\":200}";
  /** Integration timeout: API Gateway's maximum. */
  private static final int TIMEOUT_MILLIS = 29000;
  /** Route key of the HTTP_PROXY route. */
  public static final String HTTP_ROUTE = "http";
  /** Route key of the AWS_PROXY (Lambda) route. */
  public static final String LAMBDA_ROUTE = "lambda";

  /**
   * What to create: the API's name, the stage, the echo route's response template, whether a
   * {@code $connect} route, and the integration URIs of the HTTP_PROXY and AWS_PROXY routes ("" =
   * no such route).
   */
  public record Plan(String name, String stage, String echoTemplate, boolean connectRoute, String httpProxyUri,
      String lambdaProxyUri) {

    /** The route keys this plan creates, in order. */
    public List<String> routeKeys() {
      List<String> keys = new ArrayList<>(List.of("echo", "whoami"));
      if (connectRoute) keys.add("$connect");
      if (!httpProxyUri.isEmpty()) keys.add(HTTP_ROUTE);
      if (!lambdaProxyUri.isEmpty()) keys.add(LAMBDA_ROUTE);
      return keys;
    }
  }

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

  /** Creates the API and stage of {@code plan}; returns the apiId. */
  public String create(Plan plan) throws IOException, InterruptedException {
    String stage = plan.stage();
    String apiId = (String) control.post("/v2/apis", Map.of(
        "name", plan.name(),
        "protocolType", "WEBSOCKET",
        "routeSelectionExpression", "$request.body.action")).get("apiId");
    if (apiId == null) throw new IOException("CreateApi answered without apiId");
    twoWayRoute(apiId, "echo", plan.echoTemplate());
    twoWayRoute(apiId, "whoami", "{\"connectionId\":\"$context.connectionId\"}");
    if (plan.connectRoute()) {
      String connectIntegration = mockIntegration(apiId);
      control.post("/v2/apis/" + apiId + "/routes", Map.of(
          "routeKey", "$connect",
          "target", "integrations/" + connectIntegration));
    }
    if (!plan.httpProxyUri().isEmpty()) proxyRoute(apiId, HTTP_ROUTE, "HTTP_PROXY", plan.httpProxyUri());
    if (!plan.lambdaProxyUri().isEmpty()) proxyRoute(apiId, LAMBDA_ROUTE, "AWS_PROXY", plan.lambdaProxyUri());
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
    twoWay(apiId, routeKey, integrationId);
  }

  /** A two-way route whose proxy integration ({@code type}: HTTP_PROXY, AWS_PROXY) POSTs to {@code uri}. */
  private void proxyRoute(String apiId, String routeKey, String type, String uri)
      throws IOException, InterruptedException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("integrationType", type);
    body.put("integrationUri", uri);
    body.put("integrationMethod", "POST");
    body.put("timeoutInMillis", TIMEOUT_MILLIS);
    String id = (String) control.post("/v2/apis/" + apiId + "/integrations", body).get("integrationId");
    if (id == null) throw new IOException("CreateIntegration answered without integrationId");
    twoWay(apiId, routeKey, id);
  }

  /** A route to {@code integrationId} whose integration's answer goes back to the client. */
  private void twoWay(String apiId, String routeKey, String integrationId) throws IOException, InterruptedException {
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
