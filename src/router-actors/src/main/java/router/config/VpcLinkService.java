package router.config;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import router.model.Page;
import router.model.VpcLink;
import router.concurrent.Stages;

/** The VPC link operations of the control plane as asynchronous calls to the {@link VpcLinkRegistry}. */
public final class VpcLinkService {
  private final ActorSystem<?> system;
  private final Duration timeout;

  public VpcLinkService(ActorSystem<?> system, Duration timeout) {
    this.system = system;
    this.timeout = timeout;
  }

  public CompletionStage<VpcLink> create(VpcLink input) {
    return unwrapped(VpcLinkRegistry.ref(system).askWithStatus(
        replyTo -> new VpcLinkRegistry.Create(input, replyTo), timeout));
  }

  public CompletionStage<VpcLink> get(String vpcLinkId) {
    return unwrapped(VpcLinkRegistry.ref(system).askWithStatus(
        replyTo -> new VpcLinkRegistry.Get(vpcLinkId, replyTo), timeout));
  }

  /** A page of links in creation order ({@code limit}/{@code position} as the REST API pages). */
  public CompletionStage<Page<VpcLink>> list(String limit, String position) {
    return unwrapped(VpcLinkRegistry.ref(system).<VpcLinkRegistry.VpcLinks>askWithStatus(
        VpcLinkRegistry.GetAll::new, timeout)).thenApply(all -> Paging.page(all.items(), limit, position));
  }

  public CompletionStage<VpcLink> update(String vpcLinkId, List<VpcLinkRules.PatchOperation> operations) {
    return unwrapped(VpcLinkRegistry.ref(system).askWithStatus(
        replyTo -> new VpcLinkRegistry.Update(vpcLinkId, operations, replyTo), timeout));
  }

  public CompletionStage<Done> delete(String vpcLinkId) {
    return unwrapped(VpcLinkRegistry.ref(system).askWithStatus(
        replyTo -> new VpcLinkRegistry.Delete(vpcLinkId, replyTo), timeout));
  }

  /** Starts the registry, which publishes the links to this node's data plane; completes once it answered. */
  public CompletionStage<Done> wake() {
    return list(null, null).thenApply(page -> Done.getInstance());
  }

  private static <T> CompletionStage<T> unwrapped(CompletionStage<T> stage) {
    return Stages.plain(stage).exceptionallyCompose(e -> CompletableFuture.failedFuture(
        e instanceof CompletionException && e.getCause() != null ? e.getCause() : e));
  }
}
