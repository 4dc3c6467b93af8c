package router.engine;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import router.storage.Storage;

/**
 * Builds the configuration of an ActorSystem that runs Router: the application's own layers first, then Router's
 * Pekko defaults ({@code router/pekko-defaults.conf}: persistence plugins, sharding), then every reference.conf —
 * resolved together, so {@code ${...}} in any layer sees overrides — and the storage selected.
 */
public final class RouterConfig {
  private static final String PEKKO_DEFAULTS = "router/pekko-defaults.conf";

  private RouterConfig() {}

  /** JVM overrides and application.conf, on top of Router's defaults. */
  public static Config load() {
    return load(ConfigFactory.defaultOverrides().withFallback(ConfigFactory.defaultApplication()));
  }

  /** {@code application} (unresolved layers, highest priority first) on top of Router's defaults. */
  public static Config load(Config application) {
    Config config = application
        .withFallback(ConfigFactory.parseResources(RouterConfig.class.getClassLoader(), PEKKO_DEFAULTS))
        .withFallback(ConfigFactory.defaultReferenceUnresolved())
        .resolve();
    return Storage.withStorage(config);
  }
}
