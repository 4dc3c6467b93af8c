package router.integration.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import router.integration.IntegrationException;
import router.integration.IntegrationRequest;
import router.integration.IntegrationResult;
import router.model.IntegrationType;
import router.model.Integration;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;

/** The backend against a local HTTP server standing in for an AWS service. */
class AwsServiceBackendTest {
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  private static final SdkAsyncHttpClient CLIENT = NettyNioAsyncHttpClient.builder().build();

  private static AwsServiceBackend backend(String service, URI endpoint, int maxResponseBytes) {
    return new AwsServiceBackend(new AwsIntegrationSettings(Map.of(service, endpoint), "AKIDEXAMPLE", SECRET, "",
        Duration.ofSeconds(2), 16, maxResponseBytes), ForkJoinPool.commonPool(), Clock.systemUTC(), CLIENT);
  }

  @AfterAll
  static void close() {
    CLIENT.close();
  }

  private static IntegrationRequest request(String uri, String body, Map<String, String> headers) {
    Integration integration = new Integration("abc1234", "AWS", "POST", uri, "INTERNET", null, null, null, null, null,
        null, null, null, 29000, null, null, null, null, null, null);
    return new IntegrationRequest(IntegrationType.AWS, integration, "POST", uri, body, headers, Map.of(), null,
        System.nanoTime() + TimeUnit.SECONDS.toNanos(29));
  }

  @Test
  void sendsTheSignedRequestAndReturnsTheServicesAnswerWhateverItsStatus() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    AtomicReference<Boolean> verified = new AtomicReference<>();
    AtomicReference<String> path = new AtomicReference<>();
    server.createContext("/", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      path.set(exchange.getRequestURI().getRawPath());
      try {
        verified.set(SigV4Verifier.verify(SECRET, exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
            "", exchange.getRequestHeaders(), body));
      } catch (Exception e) {
        verified.set(false);
      }
      byte[] answer = "<Error>no such queue</Error>".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("X-Amzn-RequestId", "r-1");
      exchange.sendResponseHeaders(400, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    server.start();
    try {
      URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
      IntegrationResult result = backend("sqs", endpoint, 1 << 20)
          .invoke(request("arn:aws:apigateway:us-east-1:sqs:path/000000000000/missing", "Action=SendMessage",
              Map.of("Content-Type", "application/x-www-form-urlencoded")))
          .toCompletableFuture().get(10, TimeUnit.SECONDS);
      assertEquals(400, result.statusCode());
      assertEquals("<Error>no such queue</Error>", result.body());
      assertEquals("r-1", result.header("x-amzn-requestid"));
      assertTrue(result.headers().containsKey("x-amzn-requestid"), result.headers().toString());
      assertEquals("/000000000000/missing", path.get());
      assertEquals(Boolean.TRUE, verified.get(), "the signature verifies as received, Host with its port");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void failsNamingTheIntegrationWhenTheEndpointIsUnreachable() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    CompletableFuture<IntegrationResult> call = backend("sqs", URI.create("http://127.0.0.1:" + port), 1 << 20)
        .invoke(request("arn:aws:apigateway:us-east-1:sqs:path/000000000000/q", "x", Map.of())).toCompletableFuture();
    ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(10, TimeUnit.SECONDS));
    IntegrationException failure = assertInstanceOf(IntegrationException.class, e.getCause());
    assertTrue(failure.getMessage().startsWith("AWS integration abc1234 (sqs at http://127.0.0.1:" + port + ")"),
        failure.getMessage());
  }

  @Test
  void failsOnABadUri() {
    CompletableFuture<IntegrationResult> call = backend("sqs", URI.create("http://127.0.0.1:1"), 1 << 20)
        .invoke(request("arn:aws:apigateway:us-east-1:sqs:queue/q", "", Map.of())).toCompletableFuture();
    ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(10, TimeUnit.SECONDS));
    assertTrue(e.getCause().getMessage().startsWith("AWS integration abc1234 has a bad URI"), e.getMessage());
  }

  @Test
  void cancellingTheCallClosesItsConnection() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<IntegrationResult> call = backend("sqs",
          URI.create("http://127.0.0.1:" + server.getLocalPort()), 1 << 20)
          .invoke(request("arn:aws:apigateway:us-east-1:sqs:path/1/q", "never answered", Map.of()))
          .toCompletableFuture();
      server.setSoTimeout(10_000);
      try (Socket connection = server.accept()) {
        connection.setSoTimeout(10_000);
        InputStream in = connection.getInputStream();
        byte[] request = new byte[8192];
        int read = in.read(request);
        assertTrue(new String(request, 0, read, StandardCharsets.ISO_8859_1).startsWith("POST /1/q HTTP/1.1"));
        call.cancel(false);
        // The client closes the connection: the server reads end of stream (or a reset), not a timeout.
        int next;
        try {
          do {
            next = in.read(request);
          } while (next > 0);
        } catch (java.net.SocketException reset) {
          next = -1;
        }
        assertEquals(-1, next);
      }
    }
  }

  @Test
  void refusesAnAnswerLargerThanTheMaximum() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      exchange.getRequestBody().readAllBytes();
      byte[] answer = new byte[4096];
      exchange.sendResponseHeaders(200, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    server.start();
    try {
      CompletableFuture<IntegrationResult> call = backend("sqs",
          URI.create("http://127.0.0.1:" + server.getAddress().getPort()), 1024)
          .invoke(request("arn:aws:apigateway:us-east-1:sqs:path/1/q", "", Map.of())).toCompletableFuture();
      ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(10, TimeUnit.SECONDS));
      assertTrue(e.getCause().getMessage().contains("larger than 1024 bytes"), e.getCause().getMessage());
    } finally {
      server.stop(0);
    }
  }
}
