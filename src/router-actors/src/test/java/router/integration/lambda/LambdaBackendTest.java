package router.integration.lambda;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import router.integration.EventContext;
import router.integration.IntegrationException;
import router.integration.IntegrationRequest;
import router.model.IntegrationType;

/** The backend's failures, with the real SDK client (no server needed). */
class LambdaBackendTest {
  private static final String URI =
      "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/HelloWorld:alpha/invocations";

  private static LambdaSettings settings(String endpoint) {
    return new LambdaSettings(endpoint, "AKIDTEST", "secret", "", 4, 10, Duration.ofSeconds(5),
        Duration.ofSeconds(2), Duration.ofSeconds(5), 0, 1);
  }

  private static IntegrationRequest request(String uri) {
    EventContext event = new EventContext(EventContext.MESSAGE, "$default", "m", "r", "r", "c", 0, 0, "api", "dev",
        "localhost", "127.0.0.1", null, Map.of(), Map.of(), null, null, "{}", false, Map.of());
    return new IntegrationRequest(IntegrationType.AWS_PROXY, null, "POST", uri, "{}", Map.of(), Map.of(), event,
        System.nanoTime() + TimeUnit.SECONDS.toNanos(10));
  }

  private static Throwable failure(LambdaBackend backend, IntegrationRequest request) {
    var e = assertThrows(ExecutionException.class,
        () -> backend.invoke(request).toCompletableFuture().get(30, TimeUnit.SECONDS));
    return e.getCause();
  }

  @Test
  void unreachableEndpointFailsNamingTheFunction() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    try (LambdaBackend backend = new LambdaBackend(settings("http://127.0.0.1:" + closedPort))) {
      Throwable cause = failure(backend, request(URI));
      assertInstanceOf(IntegrationException.class, cause);
      assertTrue(cause.getMessage().startsWith("Lambda function HelloWorld:alpha could not be invoked"),
          cause.getMessage());
    }
  }

  @Test
  void uriThatNamesNoFunctionFailsWithTheReason() {
    try (LambdaBackend backend = new LambdaBackend(settings("http://127.0.0.1:9"))) {
      Throwable cause = failure(backend, request("arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"));
      assertInstanceOf(IntegrationException.class, cause);
      assertTrue(cause.getMessage().contains("Not a Lambda integration URI"), cause.getMessage());
    }
  }
}
