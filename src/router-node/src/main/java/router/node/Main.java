package router.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.LoggerFactory;
import router.storage.Storage;

/** Starts one Router node: {@code java -jar router-node.jar}. Configuration: see router-node.conf. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // A standalone node leaves the JVM when its ActorSystem stops (SIGTERM, or downed by the cluster).
    Config config;
    try {
      config = RouterNode.loadConfig(ConfigFactory.parseString("pekko.coordinated-shutdown.exit-jvm = on"));
      // Checked before the node exists, so that it exits at once with the reason.
      Storage.checkShareable(Storage.settings(config), config.getStringList("pekko.cluster.seed-nodes"));
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(Main.class).error("Router node refuses to start: {}", e.getMessage());
      System.exit(1);
      return;
    }
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "router", config);
    try {
      RouterNode.start(system).exceptionally(failure -> {
        LoggerFactory.getLogger(Main.class).error("Router node failed to start", failure);
        system.terminate();
        return null;
      });
    } catch (RuntimeException e) {
      LoggerFactory.getLogger(Main.class).error("Router node failed to start", e);
      system.terminate();
    }
  }
}
