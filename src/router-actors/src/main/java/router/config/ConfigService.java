package router.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Sink;
import router.errors.ConflictException;
import router.errors.NotFoundException;
import router.ids.ResourceIds;
import router.model.Api;
import router.model.Page;
import router.concurrent.Stages;

/**
 * The apigatewayv2 control plane as asynchronous Java calls: the edge between callers (the HTTP routes, a host
 * application) and the API entities. Operations that also touch the {@link ApiDirectory} (create, list, delete an
 * API) have their own method; every other operation is one {@link #ask} (or {@link #page}) with an
 * {@link ApiEntity} command. Failures complete exceptionally with an {@code ApiGatewayException}.
 */
public final class ConfigService {
  private static final int CREATE_ATTEMPTS = 3;

  private final ActorSystem<?> system;
  private final ClusterSharding sharding;
  private final Duration timeout;

  public ConfigService(ActorSystem<?> system, Duration timeout) {
    this.system = system;
    this.sharding = ClusterSharding.get(system);
    this.timeout = timeout;
  }

  // ---- APIs: the entity and the directory --------------------------------------------------------------------

  public CompletionStage<Api> createApi(Api input) {
    return createApi(input, CREATE_ATTEMPTS);
  }

  private CompletionStage<Api> createApi(Api input, int attemptsLeft) {
    String apiId = ResourceIds.apiId();
    return this.<Api>ask(apiId, replyTo -> new ApiEntity.CreateApi(input, replyTo))
        .thenCompose(api -> directoryAsk(replyTo -> new ApiDirectory.Register(api.apiId(), replyTo))
            .thenApply(done -> api))
        .exceptionallyCompose(e -> unwrap(e) instanceof ConflictException && attemptsLeft > 1
            ? createApi(input, attemptsLeft - 1)
            : CompletableFuture.failedFuture(unwrap(e)));
  }

  /** A page of APIs in creation order. */
  public CompletionStage<Page<Api>> getApis(String maxResults, String nextToken) {
    return directoryIds().thenCompose(ids -> {
      Page<String> page = Paging.page(ids, maxResults, nextToken);
      List<CompletableFuture<Api>> apis = new ArrayList<>();
      for (String id : page.items()) {
        // An API deleted between the listing and this read is left out rather than failing the page.
        apis.add(this.<Api>ask(id, ApiEntity.GetApi::new).toCompletableFuture().exceptionally(e -> null));
      }
      return CompletableFuture.allOf(apis.toArray(CompletableFuture[]::new)).thenApply(done -> {
        List<Api> items = new ArrayList<>();
        apis.forEach(f -> {
          Api api = f.join();
          if (api != null) items.add(api);
        });
        return new Page<>(items, page.nextToken());
      });
    });
  }

  /** The ids of every API, in creation order. */
  public CompletionStage<List<String>> apiIds() {
    return directoryIds();
  }

  public CompletionStage<Done> deleteApi(String apiId) {
    return this.<Done>ask(apiId, ApiEntity.DeleteApi::new)
        .thenCompose(done -> directoryAsk(replyTo -> new ApiDirectory.Unregister(apiId, replyTo)));
  }

  /**
   * Registers every API that the journal holds, that exists (created, not deleted) and that the directory neither
   * lists nor has unregistered, in creation order, and completes with their ids. CreateApi registers an API in a second step after creating
   * it; when that step is lost (a crash, a timeout), this repairs the directory. It reads every persistence id of
   * the journal: call it at start, not per request.
   */
  public CompletionStage<List<String>> repairDirectory() {
    JdbcReadJournal journal =
        PersistenceQuery.get(system).getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
    return journal.currentPersistenceIds().runWith(Sink.seq(), system)
        .thenCombine(directory(), ApiDirectory::unlisted)
        .thenCompose(this::existing)
        .thenCompose(apis -> {
          List<Api> byCreation = new ArrayList<>(apis);
          byCreation.sort(Comparator.comparing(Api::createdDate).thenComparing(Api::apiId));
          CompletionStage<Done> registered = CompletableFuture.completedFuture(Done.getInstance());
          for (Api api : byCreation) {
            // One after the other, so the directory keeps their creation order.
            registered = registered.thenCompose(
                done -> directoryAsk(replyTo -> new ApiDirectory.Register(api.apiId(), replyTo)));
          }
          return registered.thenApply(done -> byCreation.stream().map(Api::apiId).toList());
        });
  }

  // The APIs among these ids that exist; reading one wakes its entity, which publishes its stages.
  private CompletionStage<List<Api>> existing(List<String> apiIds) {
    List<CompletableFuture<Api>> reads = new ArrayList<>();
    for (String id : apiIds) {
      reads.add(this.<Api>ask(id, ApiEntity.GetApi::new).toCompletableFuture().exceptionally(e -> {
        if (unwrap(e) instanceof NotFoundException) return null;
        throw new CompletionException(unwrap(e));
      }));
    }
    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
        .thenApply(all -> reads.stream().map(CompletableFuture::join).filter(Objects::nonNull).toList());
  }

  /** Starts the entity of an API (which re-publishes its stages) and completes when it has recovered. */
  public CompletionStage<Done> wake(String apiId) {
    return Stages.plain(entity(apiId).ask(ApiEntity.Wake::new, timeout));
  }

  // ---- Everything else: one ask to the API's entity ---------------------------------------------------------

  /**
   * Sends the command {@code command} builds to the entity of API {@code apiId}, e.g.
   * {@code ask(apiId, replyTo -> new ApiEntity.GetRoute(routeId, replyTo))}; completes with the entity's answer,
   * or exceptionally with its {@code ApiGatewayException}. An id that cannot be an API id is NotFound at once.
   */
  public <T> CompletionStage<T> ask(String apiId, Function<ActorRef<StatusReply<T>>, ApiEntity.Command> command) {
    // An id that cannot be an API id never reaches sharding, so junk ids start no entity.
    if (!ResourceIds.isWellFormed(apiId)) {
      return CompletableFuture.failedFuture(new NotFoundException("Invalid API identifier specified"));
    }
    return Stages.plain(entity(apiId).<T>askWithStatus(command::apply, timeout))
        .exceptionallyCompose(e -> CompletableFuture.failedFuture(unwrap(e)));
  }

  /**
   * As {@link #ask} for a list command ({@code ApiEntity.GetRoutes::new}, ...): one page of its items, by
   * {@code maxResults} and {@code nextToken} (both may be null).
   */
  public <T, L extends ApiEntity.Listing<T>> CompletionStage<Page<T>> page(String apiId,
      Function<ActorRef<StatusReply<L>>, ApiEntity.Command> command, String maxResults, String nextToken) {
    return this.<L>ask(apiId, command).thenApply(all -> Paging.page(all.items(), maxResults, nextToken));
  }

  // ---- Plumbing ---------------------------------------------------------------------------------------------

  private EntityRef<ApiEntity.Command> entity(String apiId) {
    return sharding.entityRefFor(ApiEntity.TYPE_KEY, apiId);
  }

  private CompletionStage<List<String>> directoryIds() {
    return directory().thenApply(ApiDirectory.ApiIds::ids);
  }

  private CompletionStage<ApiDirectory.ApiIds> directory() {
    return Stages.plain(ApiDirectory.ref(system).ask(ApiDirectory.GetAll::new, timeout));
  }

  private CompletionStage<Done> directoryAsk(Function<ActorRef<Done>, ApiDirectory.Command> command) {
    return Stages.plain(ApiDirectory.ref(system).ask(command::apply, timeout));
  }

  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while (t instanceof CompletionException && t.getCause() != null) t = t.getCause();
    return t;
  }
}
