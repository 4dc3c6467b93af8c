package router.tests;

import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import router.integration.actor.HostActorIntegration;

/** Host-application actors for integration tests, registered with the Receptionist as a host would. */
final class HostActors {
  private HostActors() {}

  /**
   * Spawns {@code behavior}, registers it under {@code name}, and returns once the Receptionist lists it: the
   * registration is asynchronous, and a route called before it lands rightly answers "Internal server error".
   */
  static ActorRef<HostActorIntegration.Request> register(
      ActorSystem<?> system, String name, Behavior<HostActorIntegration.Request> behavior) throws Exception {
    ActorRef<HostActorIntegration.Request> actor = system.systemActorOf(behavior, "host-" + name, Props.empty());
    ServiceKey<HostActorIntegration.Request> key = HostActorIntegration.serviceKey(name);
    system.receptionist().tell(Receptionist.register(key, actor));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      Receptionist.Listing listing = AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(),
              replyTo -> Receptionist.find(key, replyTo), Duration.ofSeconds(3), system.scheduler())
          .toCompletableFuture().get();
      if (listing.getServiceInstances(key).contains(actor)) return actor;
      Thread.sleep(20);
    }
    throw new AssertionError("the Receptionist did not list " + name + " within 10 s");
  }
}
