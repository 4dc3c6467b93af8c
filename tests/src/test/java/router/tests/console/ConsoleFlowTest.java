package router.tests.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

/**
 * The console in a real headless Chromium: API Gateway's console flow for a WebSocket API end to end (MOCK
 * integration, templates, responses, deployment) and the live test client receiving the MOCK's answer; server
 * errors next to their fields; user strings rendered as text; the headers and size of what the browser loads.
 */
class ConsoleFlowTest {
  @TempDir static Path dataDir;
  static ConsoleSession s;

  @BeforeAll
  static void start() throws Exception {
    s = ConsoleSession.start(dataDir);
  }

  @AfterEach
  void noScriptErrors() {
    assertEquals(List.of(), s.scriptErrors());
  }

  @AfterAll
  static void stop() throws Exception {
    s.close();
  }

  @Test
  void runsTheConsoleFlowAndTheTestClientReceivesTheMockAnswer() throws Exception {
    // APIs: create one.
    s.open("#/apis");
    WebElement createApi = s.form("create-api");
    s.type(createApi, "Name", "chat");
    s.type(createApi, "Description", "the reference page's API");
    s.screenshot("apis");
    s.submit(createApi);
    s.waitForHash("#/apis/[a-z0-9]+");
    String apiId = s.hash().substring("#/apis/".length());

    // Routes: create a custom route.
    WebElement createRoute = s.form("create-route");
    s.type(createRoute, "Route key", "sendmessage");
    s.submit(createRoute);
    s.waitForHash("#/apis/" + apiId + "/routes/[a-z0-9]+");
    String routeHash = s.hash();
    String routeId = routeHash.substring(routeHash.lastIndexOf('/') + 1);

    // Integration Request: Mock, a request template under a template selection expression, 5000 ms.
    s.driver.findElement(By.id("edit-integration")).click();
    s.waitForHash(Pattern.quote(routeHash + "/integration"));
    WebElement integration = s.form("integration-form");
    s.driver.findElement(By.cssSelector("label[for=type-MOCK]")).click();
    s.type(integration, "Timeout (milliseconds)", "5000");
    s.type(integration, "Template selection expression", "\\$default");
    s.addPair(integration, "Add template", "Template key", "$default", "Template", "{\"statusCode\": 200}");
    s.screenshot("integration-request");
    s.submit(integration);
    s.waitForHash(Pattern.quote(routeHash));

    // The deep link survives a reload and shows what was saved.
    s.open(routeHash + "/integration");
    WebElement reloaded = s.form("integration-form");
    assertTrue(s.driver.findElement(By.id("type-MOCK")).isSelected());
    assertEquals("5000", s.field(reloaded, "Timeout (milliseconds)").getAttribute("value"));
    assertEquals("\\$default", s.field(reloaded, "Template selection expression").getAttribute("value"));
    assertEquals("{\"statusCode\": 200}",
        reloaded.findElement(By.cssSelector("[aria-label='Template 1']")).getAttribute("value"));
    s.open(routeHash);

    // Integration Response and, on a two-way route, a Route Response.
    WebElement addIntegrationResponse = s.form("add-integration-response");
    s.addPair(addIntegrationResponse, "Add template", "Template key", "$default", "Template",
        "{\"answer\": \"mock says hi\", \"route\": \"$context.routeKey\"}");
    s.submit(addIntegrationResponse);
    s.waitRendered();
    WebElement settings = s.form("route-settings");
    s.field(settings, "Two-way route (route response selection expression $default)").click();
    s.submit(settings);
    s.waitRendered();
    s.submit(s.form("add-route-response"));
    s.waitRendered();
    assertTrue(s.driver.findElement(By.cssSelector("[aria-label='Route responses']")).getText().contains("$default"));
    s.driver.executeScript("window.scrollTo(0, 0)");
    s.screenshot("route");

    // What the console saved, read back from the control plane.
    JsonNode route = s.ok("GET", "/v2/apis/" + apiId + "/routes/" + routeId, null);
    assertEquals("$default", route.get("routeResponseSelectionExpression").asText());
    String integrationId = route.get("target").asText().substring("integrations/".length());
    JsonNode saved = s.ok("GET", "/v2/apis/" + apiId + "/integrations/" + integrationId, null);
    assertEquals("MOCK", saved.get("integrationType").asText());
    assertEquals(5000, saved.get("timeoutInMillis").asInt());
    assertEquals("\\$default", saved.get("templateSelectionExpression").asText());
    assertEquals("{\"statusCode\": 200}", saved.get("requestTemplates").get("$default").asText());

    // Deploy to a new stage.
    s.open("#/apis/" + apiId + "/stages");
    WebElement deploy = s.form("deploy");
    s.type(deploy, "Stage name", "dev");
    s.type(deploy, "Deployment description", "first");
    s.submit(deploy);
    s.waitForHash(Pattern.quote("#/apis/" + apiId + "/stages/dev"));
    assertEquals(s.wsOrigin() + "/" + apiId + "/dev", s.driver.findElement(By.id("invoke-url")).getText());

    // The live test client: the MOCK's answer, and API Gateway's Forbidden frame shown as an error.
    s.driver.findElement(By.id("tc-connect")).click();
    s.wait.until(d -> d.findElement(By.id("tc-status")).getText().equals("Connected"));
    WebElement message = s.driver.findElement(By.id("tc-message"));
    message.clear();
    message.sendKeys("{\"action\":\"sendmessage\"}");
    s.driver.findElement(By.id("tc-send")).click();
    WebElement answer = s.wait.until(d -> d.findElements(By.cssSelector("#tc-frames tr[data-kind=in]")).stream()
        .findFirst().orElse(null));
    assertEquals("{\"answer\": \"mock says hi\", \"route\": \"sendmessage\"}",
        answer.findElement(By.cssSelector("pre")).getText());
    String bytes = answer.findElement(By.cssSelector("td.size")).getText();
    assertEquals("{\"answer\": \"mock says hi\", \"route\": \"sendmessage\"}".length() + " B", bytes);
    assertTrue(answer.findElement(By.cssSelector("td.time")).getText().matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3}"));

    message.clear();
    message.sendKeys("{\"action\":\"nosuchroute\"}");
    s.driver.findElement(By.id("tc-send")).click();
    WebElement error = s.wait.until(d -> d.findElements(By.cssSelector("#tc-frames tr[data-kind=error]")).stream()
        .findFirst().orElse(null));
    assertTrue(error.getText().contains("error: Forbidden"), error.getText());
    // Both messages are in the history, newest first.
    List<String> history = s.driver.findElements(By.cssSelector("#tc-history button")).stream()
        .map(WebElement::getText).toList();
    assertEquals(List.of("{\"action\":\"nosuchroute\"}", "{\"action\":\"sendmessage\"}"), history);
    s.driver.executeScript("document.getElementById('test-client').scrollIntoView()");
    s.screenshot("stage-test-client");

    // A narrow window: the page reflows instead of scrolling sideways.
    s.driver.manage().window().setSize(new Dimension(390, 800));
    try {
      Object overflow = s.driver.executeScript(
          "return document.documentElement.scrollWidth > document.documentElement.clientWidth");
      assertEquals(Boolean.FALSE, overflow);
      s.screenshot("stage-narrow");
    } finally {
      s.driver.manage().window().setSize(new Dimension(1280, 800));
    }

    // Deployment history lists the deployment on its stage.
    s.open("#/apis/" + apiId + "/stages");
    String deployments = s.driver.findElement(By.cssSelector("[aria-label=Deployments]")).getText();
    assertTrue(deployments.contains("first") && deployments.contains("dev"), deployments);
    s.screenshot("stages");
  }

  @Test
  void timeoutFieldRefuses49And29001WithTheServersMessage() throws Exception {
    String apiId = s.createApi("timeouts");
    String routeId = s.createRoute(apiId, "slow");
    for (int timeout : new int[] {49, 29001}) {
      String serverMessage = s.call("POST", "/v2/apis/" + apiId + "/integrations",
          Map.of("integrationType", "MOCK", "timeoutInMillis", timeout)).body().get("message").asText();
      s.open("#/apis/" + apiId + "/routes/" + routeId + "/integration");
      WebElement form = s.form("integration-form");
      s.driver.findElement(By.cssSelector("label[for=type-MOCK]")).click();
      s.type(form, "Timeout (milliseconds)", String.valueOf(timeout));
      s.submit(form);
      s.wait.until(d -> s.errorOf(form, "Timeout (milliseconds)").equals(serverMessage));
      // Nothing the user typed is lost, and nothing was saved.
      assertEquals(String.valueOf(timeout), s.field(form, "Timeout (milliseconds)").getAttribute("value"));
      assertEquals("true", s.field(form, "Timeout (milliseconds)").getAttribute("aria-invalid"));
      assertEquals(0, s.ok("GET", "/v2/apis/" + apiId + "/integrations", null).get("items").size());
      if (timeout == 49) s.screenshot("timeout-refused");
    }
    assertTrue(s.ok("GET", "/v2/apis/" + apiId + "/routes/" + routeId, null).path("target").isMissingNode());
  }

  @Test
  void controlPlaneErrorAppearsNextToItsField() throws Exception {
    String apiId = s.createApi("errors");
    String serverMessage = s.call("POST", "/v2/apis/" + apiId + "/routes", Map.of("routeKey", "$bogus"))
        .body().get("message").asText();
    s.open("#/apis/" + apiId);
    WebElement form = s.form("create-route");
    s.type(form, "Route key", "$bogus");
    s.submit(form);
    s.wait.until(d -> s.errorOf(form, "Route key").equals(serverMessage));
    assertEquals("$bogus", s.field(form, "Route key").getAttribute("value"));
    assertTrue(s.hash().equals("#/apis/" + apiId));

    // A stage name the server refuses: next to the stage name, and no deployment is left behind.
    s.open("#/apis/" + apiId + "/stages");
    WebElement deploy = s.form("deploy");
    s.type(deploy, "Stage name", "not valid!");
    s.submit(deploy);
    s.wait.until(d -> !s.errorOf(deploy, "Stage name").isEmpty());
    assertTrue(s.errorOf(deploy, "Stage name").contains("not valid!"), s.errorOf(deploy, "Stage name"));
    assertEquals(0, s.ok("GET", "/v2/apis/" + apiId + "/deployments", null).get("items").size());
  }

  @Test
  void editsStageVariablesAutoDeployAndDeploysToAnExistingStage() throws Exception {
    String apiId = s.createApi("stages");
    s.createRoute(apiId, "$default");
    String first = s.ok("POST", "/v2/apis/" + apiId + "/deployments", Map.of()).get("deploymentId").asText();
    s.ok("POST", "/v2/apis/" + apiId + "/stages", Map.of("stageName", "prod", "deploymentId", first));

    s.open("#/apis/" + apiId + "/stages");
    WebElement deploy = s.form("deploy");
    new org.openqa.selenium.support.ui.Select(s.field(deploy, "Deployment stage")).selectByValue("prod");
    assertFalse(s.driver.findElement(By.xpath("//label[normalize-space()='Stage name']")).isDisplayed());
    s.type(deploy, "Deployment description", "second");
    s.submit(deploy);
    s.waitForHash(Pattern.quote("#/apis/" + apiId + "/stages/prod"));
    JsonNode stage = s.ok("GET", "/v2/apis/" + apiId + "/stages/prod", null);
    String second = stage.get("deploymentId").asText();
    assertFalse(second.equals(first));
    assertEquals("second", s.ok("GET", "/v2/apis/" + apiId + "/deployments/" + second, null)
        .get("description").asText());

    WebElement settings = s.form("stage-settings");
    s.addPair(settings, "Add stage variable", "Variable name", "backend", "Variable value", "orders.internal");
    s.field(settings, "Auto deploy (deploy every change to this stage)").click();
    s.submit(settings);
    s.waitRendered();
    stage = s.ok("GET", "/v2/apis/" + apiId + "/stages/prod", null);
    assertEquals("orders.internal", stage.get("stageVariables").get("backend").asText());
    assertTrue(stage.get("autoDeploy").asBoolean());
    // The page shows what was saved.
    WebElement reloaded = s.form("stage-settings");
    assertEquals("backend", reloaded.findElement(By.cssSelector("[aria-label='Variable name 1']")).getAttribute("value"));
    assertTrue(s.field(reloaded, "Auto deploy (deploy every change to this stage)").isSelected());

    // A variable value the server refuses is shown next to the variables, and stays as typed.
    s.addPair(reloaded, "Add stage variable", "Variable name", "bad", "Variable value", "no spaces allowed? <>");
    s.submit(reloaded);
    s.wait.until(d -> !reloaded.findElement(By.cssSelector(".pairs-field .field-error")).getText().isEmpty());
    assertEquals("no spaces allowed? <>",
        reloaded.findElement(By.cssSelector("[aria-label='Variable value 2']")).getAttribute("value"));
  }

  @Test
  void deletesAnApiOnlyAfterConfirmation() throws Exception {
    String apiId = s.createApi("to-delete");
    s.open("#/apis");
    WebElement row = s.driver.findElement(By.xpath("//tr[td//code[text()='" + apiId + "']]"));
    row.findElement(By.xpath(".//button[text()='Delete']")).click();
    row.findElement(By.xpath(".//button[text()='Cancel']")).click();
    assertEquals(200, s.call("GET", "/v2/apis/" + apiId, null).status());
    row.findElement(By.xpath(".//button[text()='Delete']")).click();
    assertTrue(row.getText().contains("Delete API to-delete?"), row.getText());
    row.findElement(By.xpath(".//button[text()='Delete']")).click();
    s.wait.until(d -> d.findElements(By.xpath("//code[text()='" + apiId + "']")).isEmpty());
    assertEquals(404, s.call("GET", "/v2/apis/" + apiId, null).status());
  }

  @Test
  void rendersUserStringsAsText() throws Exception {
    String name = "<img src=x onerror=alert(1)>";
    String template = "</script><script>alert(2)</script><b>bold</b>";
    String apiId = s.createApi(name);
    String routeId = s.createRoute(apiId, "<svg onload=alert(3)>");
    String integrationId = s.ok("POST", "/v2/apis/" + apiId + "/integrations", Map.of("integrationType", "MOCK",
        "requestTemplates", Map.of("$default", template))).get("integrationId").asText();
    s.ok("PATCH", "/v2/apis/" + apiId + "/routes/" + routeId, Map.of("target", "integrations/" + integrationId));
    s.ok("POST", "/v2/apis/" + apiId + "/integrations/" + integrationId + "/integrationresponses",
        Map.of("integrationResponseKey", "$default", "responseTemplates", Map.of("$default", template)));

    s.open("#/apis");
    assertTrue(s.driver.findElements(By.linkText(name)).size() == 1, "the name is a link's text");
    s.open("#/apis/" + apiId);
    assertEquals(name, s.driver.findElement(By.cssSelector("main h2")).getText());
    s.open("#/apis/" + apiId + "/routes/" + routeId);
    assertTrue(s.driver.findElement(By.cssSelector("[aria-label='Integration responses'] pre")).getText()
        .equals(template));
    s.open("#/apis/" + apiId + "/routes/" + routeId + "/integration");
    assertEquals(template, s.driver.findElement(By.cssSelector("[aria-label='Template 1']")).getAttribute("value"));
    s.screenshot("xss-as-text");

    // No element came from the strings, and no script ran.
    for (String tag : List.of("img", "svg", "b", "script")) {
      assertEquals(0, s.driver.findElements(By.cssSelector("main " + tag + ", #crumbs " + tag)).size(), tag);
    }
    assertThrows(NoAlertPresentException.class, () -> s.driver.switchTo().alert());
  }

  @Test
  void servesTheConsoleWithAStrictContentSecurityPolicyAndASmallDownload() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> redirect = http.send(HttpRequest.newBuilder(URI.create(s.controlUrl() + "/console")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(301, redirect.statusCode());
    assertEquals("/console/", redirect.headers().firstValue("Location").orElseThrow());

    HttpResponse<String> index = http.send(HttpRequest.newBuilder(URI.create(s.controlUrl() + "/console/")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, index.statusCode());
    String csp = index.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertTrue(csp.contains("script-src 'self'"), csp);
    assertFalse(csp.contains("unsafe"), csp);
    assertTrue(csp.contains("connect-src 'self' " + s.wsOrigin()), csp);
    assertEquals("nosniff", index.headers().firstValue("X-Content-Type-Options").orElseThrow());

    // Everything the page loads, as the browser saw it: same origin only, and under 300 KB.
    s.open("#/apis");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> resources = (List<Map<String, Object>>) s.driver.executeScript(
        "return performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation'))"
            + ".map(e => ({name: e.name, size: e.transferSize || e.encodedBodySize}))");
    long total = 0;
    for (Map<String, Object> r : resources) {
      String url = (String) r.get("name");
      assertTrue(url.startsWith(s.controlUrl() + "/"), "same origin: " + url);
      if (url.contains("/console/")) {
        HttpResponse<byte[]> file = http.send(HttpRequest.newBuilder(URI.create(url.replaceAll("#.*", ""))).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        total += file.body().length;
      }
    }
    assertTrue(resources.size() >= 5, resources.toString());
    assertTrue(total > 0 && total < 300 * 1024, "console download: " + total + " bytes");

    // A JavaScript module is served with a JavaScript type (the browser refuses modules otherwise).
    HttpResponse<String> js = http.send(HttpRequest.newBuilder(URI.create(s.controlUrl() + "/console/js/app.js"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertTrue(js.headers().firstValue("Content-Type").orElseThrow().contains("javascript"));
    // A file that is not there: the control plane's AWS-shaped 404.
    HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(s.controlUrl() + "/console/nope.js"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(404, missing.statusCode());
    Matcher m = Pattern.compile("\"message\"").matcher(missing.body());
    assertTrue(m.find(), missing.body());
  }
}
