package router.integration.vpclink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import router.integration.EventContext;
import router.integration.IntegrationBackend;
import router.integration.IntegrationException;
import router.integration.IntegrationRequest;
import router.integration.IntegrationResult;
import router.model.IntegrationType;
import router.model.Integration;

class VpcLinkBackendTest {
  private static final Map<String, List<String>> LINKS = Map.of(
      "link01", List.of("10.0.0.1:8080", "10.0.0.2:8080", "10.0.0.3:8080"),
      "failed", List.of());

  /** The HTTP seam as a recorder: nothing is sent anywhere, each URI is noted and answered as told. */
  private static final class RecordingTransport implements IntegrationBackend {
    final List<String> uris = new ArrayList<>();
    final List<String> refusing = new ArrayList<>();

    @Override
    public CompletableFuture<IntegrationResult> invoke(IntegrationRequest request) {
      uris.add(request.uri());
      for (String target : refusing) {
        if (request.uri().contains(target)) {
          return CompletableFuture.failedFuture(new IntegrationException("refused",
              new ConnectException("Connection refused")));
        }
      }
      return CompletableFuture.completedFuture(new IntegrationResult(200, Map.of(), request.uri()));
    }
  }

  private static IntegrationRequest request(String connectionId, Map<String, String> stageVariables) {
    Integration integration = new Integration("int0001", "HTTP_PROXY", "POST", "http://orders.internal:80/v1/items?x=1",
        "VPC_LINK", connectionId, null, null, null, null, null, null, null, 29000, null, "1.0", null, null, null, null);
    EventContext event = new EventContext("MESSAGE", "$default", "m", "r", "r", "c", 0, 0, "api", "dev", "localhost",
        "127.0.0.1", "ua", Map.of(), Map.of(), null, null, "{}", false, stageVariables);
    return new IntegrationRequest(IntegrationType.HTTP_PROXY, integration, "POST", integration.integrationUri(), "{}",
        Map.of(), Map.of(), event, System.nanoTime() + TimeUnit.SECONDS.toNanos(29));
  }

  @Test
  void spreadsCallsOverTheLinksTargetsKeepingPathAndQuery() throws Exception {
    RecordingTransport transport = new RecordingTransport();
    VpcLinkBackend backend = new VpcLinkBackend(LINKS::get, transport);
    for (int i = 0; i < 3; i++) backend.invoke(request("link01", Map.of())).toCompletableFuture().get();

    assertEquals(List.of("http://10.0.0.1:8080/v1/items?x=1", "http://10.0.0.2:8080/v1/items?x=1",
        "http://10.0.0.3:8080/v1/items?x=1"), transport.uris);
  }

  @Test
  void resolvesTheLinkFromAStageVariableAtCallTime() throws Exception {
    RecordingTransport transport = new RecordingTransport();
    VpcLinkBackend backend = new VpcLinkBackend(LINKS::get, transport);
    IntegrationResult result = backend.invoke(request("${stageVariables.vpcLinkId}", Map.of("vpcLinkId", "link01")))
        .toCompletableFuture().get();

    assertTrue(result.body().startsWith("http://10.0.0."));
  }

  @Test
  void skipsATargetThatRefusesConnections() throws Exception {
    RecordingTransport transport = new RecordingTransport();
    transport.refusing.add("10.0.0.1");
    VpcLinkBackend backend = new VpcLinkBackend(LINKS::get, transport);

    IntegrationResult result = backend.invoke(request("link01", Map.of())).toCompletableFuture().get();

    assertEquals("http://10.0.0.2:8080/v1/items?x=1", result.body());
    assertEquals(2, transport.uris.size());
  }

  @Test
  void failsWhenEveryTargetRefuses() {
    RecordingTransport transport = new RecordingTransport();
    transport.refusing.addAll(List.of("10.0.0.1", "10.0.0.2", "10.0.0.3"));
    VpcLinkBackend backend = new VpcLinkBackend(LINKS::get, transport);

    ExecutionException e = assertThrows(ExecutionException.class,
        () -> backend.invoke(request("link01", Map.of())).toCompletableFuture().get());
    assertInstanceOf(IntegrationException.class, e.getCause());
    assertEquals(3, transport.uris.size());
  }

  @Test
  void anUnknownOrFailedLinkFailsTheCallWithoutSendingAnything() {
    RecordingTransport transport = new RecordingTransport();
    VpcLinkBackend backend = new VpcLinkBackend(LINKS::get, transport);

    ExecutionException unknown = assertThrows(ExecutionException.class,
        () -> backend.invoke(request("nope", Map.of())).toCompletableFuture().get());
    assertTrue(unknown.getCause().getMessage().contains("does not exist"));
    ExecutionException failed = assertThrows(ExecutionException.class,
        () -> backend.invoke(request("failed", Map.of())).toCompletableFuture().get());
    assertTrue(failed.getCause().getMessage().contains("no available targets"));
    assertTrue(transport.uris.isEmpty());
  }
}
