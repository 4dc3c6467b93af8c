package router.tests;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;

/**
 * A Router node as its own process ({@code java router.node.Main}, as a user starts it), configured through its
 * ROUTER_* environment variables, stopped with SIGTERM like a service manager does.
 */
final class NodeProcess implements AutoCloseable {
  private static final Duration READY = Duration.ofSeconds(90);

  final int httpPort;
  final int controlPort;
  private final Process process;
  private final Path log;

  private NodeProcess(Process process, int httpPort, int controlPort, Path log) {
    this.process = process;
    this.httpPort = httpPort;
    this.controlPort = controlPort;
    this.log = log;
  }

  /** Starts a node with the given environment (on top of free ports) and waits until /health/ready says 200. */
  static NodeProcess start(Map<String, String> environment, Path log) throws Exception {
    NodeProcess node = launch(environment, log);
    node.awaitReady();
    return node;
  }

  /**
   * Starts a node without waiting for it (nodes of a cluster start together); ports the environment gives
   * (ROUTER_HTTP_PORT, ROUTER_CONTROL_PORT, ROUTER_CLUSTER_PORT) are kept, the others are free ports.
   */
  static NodeProcess launch(Map<String, String> environment, Path log) throws Exception {
    return launch(List.of("-Xmx512m", "-XX:+UseSerialGC"), environment, log);
  }

  /** As {@link #launch(Map, Path)}, with these JVM options. */
  static NodeProcess launch(List<String> jvmOptions, Map<String, String> environment, Path log) throws Exception {
    int http = port(environment, "ROUTER_HTTP_PORT");
    int control = port(environment, "ROUTER_CONTROL_PORT");
    int cluster = port(environment, "ROUTER_CLUSTER_PORT");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "router.node.Main"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(
        ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment);
    builder.environment().put("ROUTER_HTTP_PORT", Integer.toString(http));
    builder.environment().put("ROUTER_CONTROL_PORT", Integer.toString(control));
    builder.environment().put("ROUTER_CLUSTER_PORT", Integer.toString(cluster));
    return new NodeProcess(builder.start(), http, control, log);
  }

  private static int port(Map<String, String> environment, String name) throws IOException {
    String given = environment.get(name);
    return given != null ? Integer.parseInt(given) : freePort();
  }

  /** kill -9: the node dies without leaving the cluster or closing its sockets. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** Waits up to 60 s for the process to exit by itself; its exit code. */
  int awaitExit() throws InterruptedException {
    if (!process.waitFor(60, TimeUnit.SECONDS)) throw new IllegalStateException("node still running: " + tail());
    return process.exitValue();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits until /health/ready says 200. */
  void awaitReady() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plus(READY);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) throw new IllegalStateException("node exited: " + tail());
      try {
        HttpResponse<String> response = client.send(
            HttpRequest.newBuilder(URI.create(controlUrl() + "/health/ready")).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) return;
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("node not ready within " + READY + ": " + tail());
  }

  String controlUrl() {
    return "http://127.0.0.1:" + controlPort;
  }

  String wsUrl(String apiId, String stage) {
    return "ws://127.0.0.1:" + httpPort + "/" + apiId + "/" + stage;
  }

  ApiGatewayV2Client sdk() {
    return ApiGatewayV2Client.builder()
        .endpointOverride(URI.create(controlUrl()))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(ApacheHttpClient.create())
        .build();
  }

  /** SIGTERM, then wait for the JVM to leave after its coordinated shutdown. */
  @Override
  public void close() throws Exception {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("node did not stop on SIGTERM: " + tail());
    }
  }

  String tail() {
    try {
      List<String> lines = java.nio.file.Files.readAllLines(log);
      return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}
