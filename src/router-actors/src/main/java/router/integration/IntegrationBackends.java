package router.integration;

import java.util.EnumMap;
import java.util.Map;

/** The backend of each {@link BackendKind} on this node. */
public final class IntegrationBackends {
  private final Map<BackendKind, IntegrationBackend> backends;

  private IntegrationBackends(Map<BackendKind, IntegrationBackend> backends) {
    this.backends = backends;
  }

  /** No backend at all: a set of overrides to give {@code RouterEngine.init}. */
  public static IntegrationBackends none() {
    return new IntegrationBackends(new EnumMap<>(BackendKind.class));
  }

  /** MOCK, and every other kind failing as not available on this node. */
  public static IntegrationBackends standard() {
    Map<BackendKind, IntegrationBackend> map = new EnumMap<>(BackendKind.class);
    for (BackendKind kind : BackendKind.values()) map.put(kind, new UnsupportedBackend(kind));
    map.put(BackendKind.MOCK, new MockBackend());
    return new IntegrationBackends(map);
  }

  /** These backends with {@code kind} served by {@code backend}. */
  public IntegrationBackends with(BackendKind kind, IntegrationBackend backend) {
    Map<BackendKind, IntegrationBackend> map = new EnumMap<>(backends);
    map.put(kind, backend);
    return new IntegrationBackends(map);
  }

  /** These backends, with every kind that {@code overrides} has served by the override instead. */
  public IntegrationBackends overriddenBy(IntegrationBackends overrides) {
    Map<BackendKind, IntegrationBackend> map = new EnumMap<>(backends);
    map.putAll(overrides.backends);
    return new IntegrationBackends(map);
  }

  /** The backend of {@code kind}; one that fails every call when this set has none. */
  public IntegrationBackend of(BackendKind kind) {
    IntegrationBackend backend = backends.get(kind);
    return backend != null ? backend : new UnsupportedBackend(kind);
  }
}
