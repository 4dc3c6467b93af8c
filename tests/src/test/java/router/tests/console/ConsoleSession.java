package router.tests.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import router.node.RouterNode;

/**
 * A Router node in this JVM on free ports and a headless Debian Chromium driven through chromedriver, both named
 * by path so that Selenium Manager never downloads a browser or a driver; helpers to fill the console's forms and
 * to call the control plane directly.
 */
final class ConsoleSession implements AutoCloseable {
  static final String CHROMIUM = System.getProperty("router.chromium", "/usr/bin/chromium");
  static final String CHROMEDRIVER = System.getProperty("router.chromedriver", "/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration WAIT = Duration.ofSeconds(20);

  final ActorSystem<Void> system;
  final RouterNode node;
  final ChromeDriver driver;
  final WebDriverWait wait;

  private ConsoleSession(ActorSystem<Void> system, RouterNode node, ChromeDriver driver) {
    this.system = system;
    this.node = node;
    this.driver = driver;
    this.wait = new WebDriverWait(driver, WAIT);
  }

  static ConsoleSession start(Path dataDir) throws Exception {
    Config config = ConfigFactory.parseMap(Map.of(
        "router.node.http.port", 0,
        "router.node.control.port", 0,
        "router.storage.h2.dir", dataDir.toString(),
        "pekko.remote.artery.canonical.port", 0,
        "pekko.loglevel", "WARNING"));
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "router", RouterNode.loadConfig(config));
    RouterNode node;
    try {
      node = RouterNode.start(system).toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      system.terminate();
      throw e;
    }
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
        .usingAnyFreePort()
        .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--window-size=1280,800", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
        "--disable-background-networking", "--disable-component-update", "--disable-sync");
    // The browser's console, to find script errors and Content-Security-Policy violations.
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    ChromeDriver driver;
    try {
      driver = new ChromeDriver(service, options);
    } catch (RuntimeException e) {
      system.terminate();
      throw e;
    }
    driver.manage().window().setSize(new Dimension(1280, 800));
    return new ConsoleSession(system, node, driver);
  }

  String controlUrl() {
    return "http://127.0.0.1:" + node.controlAddress().getPort();
  }

  String wsOrigin() {
    return "ws://127.0.0.1:" + node.executeApiAddress().getPort();
  }

  // ---- The browser -----------------------------------------------------------------------------------------

  /** Loads a console page afresh by its deep link (as a reload would) and waits until it has rendered. */
  void open(String hash) {
    driver.get("about:blank");
    driver.get(controlUrl() + "/console/" + hash);
    waitRendered();
  }

  /** Waits until the view has rendered after the last navigation (the router marks main[data-rendered]). */
  void waitRendered() {
    wait.until(d -> {
      Object done = ((JavascriptExecutor) d).executeScript(
          "const m = document.getElementById('view'); return m && m.getAttribute('data-rendered') === location.hash"
              + " && !m.querySelector('button[type=submit]:disabled');");
      return Boolean.TRUE.equals(done);
    });
  }

  /** Waits for the hash to change to one matching the pattern, then for the page to render. */
  void waitForHash(String regex) {
    wait.until(d -> ((String) ((JavascriptExecutor) d).executeScript("return location.hash")).matches(regex));
    waitRendered();
  }

  String hash() {
    return (String) driver.executeScript("return location.hash");
  }

  /** The visible form control whose label has this text, inside the given form. */
  WebElement field(WebElement scope, String label) {
    return wait.until(d -> {
      for (WebElement l : scope.findElements(By.xpath(".//label[normalize-space()=" + xpathString(label) + "]"))) {
        WebElement input = d.findElement(By.id(l.getAttribute("for")));
        if (input.isDisplayed()) return input;
      }
      return null;
    });
  }

  /** Clears a text control and types into it. */
  void type(WebElement scope, String label, String text) {
    WebElement input = field(scope, label);
    input.clear();
    input.sendKeys(text);
  }

  /** The error paragraph shown next to a field (empty when none is shown). */
  String errorOf(WebElement scope, String label) {
    WebElement input = field(scope, label);
    WebElement error = driver.findElement(By.id(input.getAttribute("id") + "-error"));
    return error.isDisplayed() ? error.getText() : "";
  }

  WebElement form(String id) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
  }

  /** Types into the last row of a key/value list after adding a row with its button. */
  void addPair(WebElement scope, String addLabel, String keyLabel, String key, String valueLabel, String value) {
    scope.findElement(By.xpath(".//button[normalize-space()=" + xpathString(addLabel) + "]")).click();
    List<WebElement> keys = scope.findElements(By.cssSelector("[aria-label^='" + keyLabel + " ']"));
    List<WebElement> values = scope.findElements(By.cssSelector("[aria-label^='" + valueLabel + " ']"));
    keys.get(keys.size() - 1).sendKeys(key);
    values.get(values.size() - 1).sendKeys(value);
  }

  void submit(WebElement form) {
    form.findElement(By.cssSelector("button[type=submit]")).click();
  }

  /**
   * Uncaught script errors and Content-Security-Policy violations the browser reported since the last call
   * (failed requests the console answered on purpose, such as a refused save, are not among them).
   */
  List<String> scriptErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
        .map(LogEntry::getMessage)
        .filter(m -> m.contains("Content Security Policy") || m.contains("Uncaught") || m.contains("TypeError")
            || m.contains("SyntaxError") || m.contains("ReferenceError"))
        .toList();
  }

  void screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Path file = driver.getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(file, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  private static String xpathString(String s) {
    if (!s.contains("'")) return "'" + s + "'";
    return "concat('" + s.replace("'", "', \"'\", '") + "')";
  }

  // ---- The control plane, directly ------------------------------------------------------------------------

  record Answer(int status, JsonNode body, HttpResponse<String> raw) {}

  Answer call(String method, String path, Object body) throws Exception {
    String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
    HttpRequest request = HttpRequest.newBuilder(URI.create(controlUrl() + path))
        .method(method, text == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text))
        .header("Content-Type", "application/json")
        .build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    return new Answer(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()),
        response);
  }

  JsonNode ok(String method, String path, Object body) throws Exception {
    Answer answer = call(method, path, body);
    if (answer.status() / 100 != 2) {
      throw new AssertionError(method + " " + path + " answered " + answer.status() + ": " + answer.raw().body());
    }
    return answer.body();
  }

  String createApi(String name) throws Exception {
    return ok("POST", "/v2/apis", Map.of("name", name, "protocolType", "WEBSOCKET",
        "routeSelectionExpression", "$request.body.action")).get("apiId").asText();
  }

  String createRoute(String apiId, String routeKey) throws Exception {
    return ok("POST", "/v2/apis/" + apiId + "/routes", Map.of("routeKey", routeKey)).get("routeId").asText();
  }

  @Override
  public void close() throws Exception {
    try {
      driver.quit();
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
