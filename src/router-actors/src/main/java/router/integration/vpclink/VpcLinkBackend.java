package router.integration.vpclink;

import java.net.ConnectException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import router.integration.IntegrationBackend;
import router.integration.IntegrationException;
import router.integration.IntegrationRequest;
import router.integration.IntegrationResult;
import router.integration.StageVariables;
import router.integration.VpcLinkTargets;

/**
 * HTTP and HTTP_PROXY integrations through a VPC link ({@code connectionType} VPC_LINK): the link named by the
 * integration's {@code connectionId} — literally or as {@code ${stageVariables.vpcLinkId}}, resolved per stage at
 * call time — leads to private {@code host:port} targets; each call goes to the next target in turn, with the
 * integration URI's authority replaced by the target's, and moves on to the following target when one refuses the
 * connection. The HTTP exchange itself is the HTTP transport's, which may reach private addresses: a VPC link is how
 * a gateway is meant to reach them.
 */
public final class VpcLinkBackend implements IntegrationBackend {
  private final VpcLinkTargets links;
  private final IntegrationBackend transport;
  private final AtomicInteger next = new AtomicInteger();

  /** @param transport performs the HTTP exchange with the target (private addresses allowed) */
  public VpcLinkBackend(VpcLinkTargets links, IntegrationBackend transport) {
    this.links = links;
    this.transport = transport;
  }

  @Override
  public CompletionStage<IntegrationResult> invoke(IntegrationRequest request) {
    String linkId = StageVariables.resolve(request.integration().connectionId(), request.event().stageVariables());
    List<String> targets = links.targets(linkId);
    if (targets == null) {
      return failed("VPC link " + linkId + " (connectionId of integration " + request.integration().integrationId()
          + ") does not exist");
    }
    if (targets.isEmpty()) {
      return failed("VPC link " + linkId + " has no available targets (status FAILED: its target ARNs are not "
          + "mapped in router.vpc-links.targets)");
    }
    int first = Math.floorMod(next.getAndIncrement(), targets.size());
    return attempt(request, targets, first, 0);
  }

  private CompletionStage<IntegrationResult> attempt(
      IntegrationRequest request, List<String> targets, int first, int tried) {
    String target = targets.get((first + tried) % targets.size());
    IntegrationRequest routed;
    try {
      routed = withTarget(request, target);
    } catch (IllegalArgumentException e) {
      return failed("Integration URI " + request.uri() + " cannot be sent through a VPC link: " + e.getMessage());
    }
    CompletableFuture<IntegrationResult> call;
    try {
      call = transport.invoke(routed).toCompletableFuture();
    } catch (RuntimeException e) {
      call = CompletableFuture.failedFuture(e);
    }
    CompletableFuture<IntegrationResult> result = call.handle((answer, error) -> {
      if (error == null) return CompletableFuture.completedFuture(answer);
      if (isRefused(error) && tried + 1 < targets.size() && request.remainingNanos() > 0) {
        return attempt(request, targets, first, tried + 1).toCompletableFuture();
      }
      return CompletableFuture.<IntegrationResult>failedFuture(unwrap(error));
    }).thenCompose(f -> f);
    CompletableFuture<IntegrationResult> current = call;
    // Cancelling the caller's future (the deadline) cancels the exchange in progress.
    result.whenComplete((answer, error) -> {
      if (result.isCancelled()) current.cancel(false);
    });
    return result;
  }

  /** The request with the URI's scheme, path and query kept and its host and port those of {@code target}. */
  static IntegrationRequest withTarget(IntegrationRequest request, String target) {
    URI uri = URI.create(request.uri());
    if (uri.getScheme() == null || uri.getRawAuthority() == null) {
      throw new IllegalArgumentException("it is not an absolute http(s) URL");
    }
    String rest = request.uri().substring(request.uri().indexOf(uri.getRawAuthority())
        + uri.getRawAuthority().length());
    String routedUri = uri.getScheme() + "://" + target + rest;
    return new IntegrationRequest(request.type(), request.integration(), request.method(), routedUri, request.body(),
        request.headers(), request.queryString(), request.event(), request.deadlineNanos());
  }

  // A refused TCP connection, however the transport wraps it (pekko-http: StreamTcpException caused by a
  // java.net.ConnectException): the target is down, the next one may answer.
  private static boolean isRefused(Throwable error) {
    int depth = 0;
    for (Throwable t = error; t != null && depth < 10; t = t.getCause(), depth++) {
      if (t instanceof ConnectException) return true;
    }
    return false;
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
  }

  private static CompletionStage<IntegrationResult> failed(String message) {
    return CompletableFuture.failedFuture(new IntegrationException(message));
  }
}
