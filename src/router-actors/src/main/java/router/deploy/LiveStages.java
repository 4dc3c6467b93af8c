package router.deploy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import router.metrics.RouterMetrics;
import router.runtime.StageHandle;

/**
 * This node's registry of compiled stages, read by the data plane when a client connects. Updates come from the
 * local API entities (at once, so a deployment is served on this node before its reply goes out) and from the
 * replicated stage map (for entities on other nodes); the revision in each update keeps a stale update from undoing
 * a newer one, whichever path it came by.
 */
public final class LiveStages {
  private static final Logger log = LoggerFactory.getLogger(LiveStages.class);

  private final StageCompiler compiler;
  private final Installs installs;
  private final Map<String, Slot> slots = new ConcurrentHashMap<>();
  private volatile Consumer<StageHandle> onRetired = handle -> { };

  public LiveStages(StageCompiler compiler) {
    this(compiler, RouterMetrics.NONE, System::currentTimeMillis);
  }

  /** @param metrics told the install lag of each deployment published while this node runs */
  public LiveStages(StageCompiler compiler, RouterMetrics metrics, LongSupplier wallClock) {
    this.compiler = compiler;
    this.installs = new Installs(metrics, wallClock, wallClock.getAsLong());
  }

  /**
   * Reports the lag from a deployment's publication to its install here. Entries published before this node started
   * are what a starting node catches up on, not lag, so they are not reported; neither are unstamped ones.
   */
  private record Installs(RouterMetrics metrics, LongSupplier wallClock, long startedAtMillis) {
    void installed(StageEntry entry) {
      long published = entry.publishedAtMillis();
      if (published <= 0 || published < startedAtMillis) return;
      metrics.stageInstalled(Math.max(0, wallClock.getAsLong() - published));
    }
  }

  /** The handle of a stage being served, or null when none is. */
  public StageHandle handle(String apiId, String stageName) {
    Slot slot = slots.get(DeployedStage.key(apiId, stageName));
    return slot == null || slot.handle.current() == null ? null : slot.handle;
  }

  /** Applies one entry of the replicated map (or a local publication) if it is newer than what is live. */
  public void apply(String key, StageEntry entry) {
    // A tombstone for a stage never served here still takes a slot: it records the revision that retired the
    // stage, so an older publication arriving later cannot bring it back.
    Slot slot = slots.computeIfAbsent(key, k -> entry.isRetired() ? Slot.ofKey(k)
        : new Slot(entry.deployed().apiId(), entry.deployed().stage().stageName()));
    if (slot.offer(entry, compiler, installs)) onRetired.accept(slot.handle);
  }

  /**
   * Whether this node has installed the latest deployment it heard of for a stage: served, or kept out because it
   * no longer compiles under this node's limits (logged) — either way nothing is still on its way.
   */
  public boolean isInstalled(String apiId, String stageName) {
    Slot slot = slots.get(DeployedStage.key(apiId, stageName));
    return slot != null && slot.deployed;
  }

  /** Told of each stage this node stops serving because it was deleted (its connections must close). */
  public void onRetired(Consumer<StageHandle> listener) {
    this.onRetired = listener;
  }

  /** The keys of the stages of one API this node knows of, served or retired. */
  public java.util.List<String> keysOf(String apiId) {
    String prefix = apiId + "/";
    return slots.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
  }

  /** The number of stages being served. */
  public int size() {
    return (int) slots.values().stream().filter(s -> s.handle.current() != null).count();
  }

  /** One key's live state; guarded by its own monitor so compiles of different stages run in parallel. */
  private static final class Slot {
    final StageHandle handle;
    long revision = -1;
    DeployedStage source;
    volatile boolean deployed;

    Slot(String apiId, String stageName) {
      this.handle = new StageHandle(apiId, stageName);
    }

    // Keys are apiId/stageName; API ids have no '/'.
    static Slot ofKey(String key) {
      int slash = key.indexOf('/');
      return new Slot(key.substring(0, slash), key.substring(slash + 1));
    }

    /** Returns whether this entry retired a stage that was being served. */
    synchronized boolean offer(StageEntry entry, StageCompiler compiler, Installs installs) {
      if (entry.revision() < revision) return false;
      revision = entry.revision();
      deployed = !entry.isRetired();
      if (entry.isRetired()) {
        boolean served = handle.current() != null;
        source = null;
        handle.set(null);
        return served;
      }
      if (entry.deployed().sameContentAs(source)) return false;
      try {
        handle.set(compiler.compile(entry.deployed()));
        source = entry.deployed();
        installs.installed(entry);
      } catch (RuntimeException e) {
        // Validated when written, so this means an engine limit changed under a stored deployment: keep serving
        // what was live and say so once per publication.
        log.error("Cannot serve stage {} at deployment {}: {}", entry.deployed().key(),
            entry.deployed().deployment().deploymentId(), e.getMessage());
      }
      return false;
    }
  }
}
