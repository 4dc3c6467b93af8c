package router.integration;

import java.util.EnumMap;
import java.util.Map;

/** The backend of each integration type on this node. */
public final class IntegrationBackends {
  private final Map<IntegrationType, IntegrationBackend> backends;

  private IntegrationBackends(Map<IntegrationType, IntegrationBackend> backends) {
    this.backends = backends;
  }

  /** MOCK, and every other type failing as not yet supported. */
  public static IntegrationBackends standard() {
    Map<IntegrationType, IntegrationBackend> map = new EnumMap<>(IntegrationType.class);
    for (IntegrationType type : IntegrationType.values()) map.put(type, new UnsupportedBackend(type));
    map.put(IntegrationType.MOCK, new MockBackend());
    return new IntegrationBackends(map);
  }

  /** These backends with {@code type} served by {@code backend}. */
  public IntegrationBackends with(IntegrationType type, IntegrationBackend backend) {
    Map<IntegrationType, IntegrationBackend> map = new EnumMap<>(backends);
    map.put(type, backend);
    return new IntegrationBackends(map);
  }

  public IntegrationBackend of(IntegrationType type) {
    return backends.get(type);
  }
}
