package router.integration;

import com.typesafe.config.Config;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The {@link Bulkhead} of every integration on this node, keyed by API and integration id, so that a redeployment
 * keeps counting the calls still running against the same limit. Settings: {@code router.integrations.bulkhead}.
 */
public final class Bulkheads {
  private final int maxConcurrent;
  private final int maxWaiting;
  private final ConcurrentMap<String, Bulkhead> byIntegration = new ConcurrentHashMap<>();

  public Bulkheads(int maxConcurrent, int maxWaiting) {
    this.maxConcurrent = maxConcurrent;
    this.maxWaiting = maxWaiting;
  }

  /** The defaults of reference.conf, for tests and tools without a config at hand. */
  public static Bulkheads defaults() {
    return new Bulkheads(256, 10_000);
  }

  public static Bulkheads from(Config config) {
    Config bulkhead = config.getConfig("router.integrations.bulkhead");
    return new Bulkheads(bulkhead.getInt("max-concurrent-calls"), bulkhead.getInt("max-waiting-calls"));
  }

  /** Backend calls running now on this node, over all integrations. */
  public int running() {
    return byIntegration.values().stream().mapToInt(Bulkhead::active).sum();
  }

  /** Calls waiting for a free call on this node, over all integrations. */
  public int waiting() {
    return byIntegration.values().stream().mapToInt(Bulkhead::waiting).sum();
  }

  /** The bulkhead of an integration; MOCK integrations (no backend call) have none. */
  public Bulkhead of(String apiId, String integrationId, BackendKind kind) {
    if (kind == BackendKind.MOCK) return Bulkhead.NONE;
    return byIntegration.computeIfAbsent(apiId + '/' + integrationId, key -> new Bulkhead(maxConcurrent, maxWaiting));
  }
}
