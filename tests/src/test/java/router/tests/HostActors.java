package router.tests;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import router.integration.actor.HostActorIntegration;

/**
 * Registers a test's host actor with the Receptionist and waits until the Receptionist lists it: registration is
 * eventually consistent (the cluster receptionist sees its own registrations through Distributed Data), so a
 * message sent at once could find no actor.
 */
final class HostActors {
  /** Only bounds how long a broken test waits. */
  private static final Duration WAIT = Duration.ofSeconds(10);

  private HostActors() {}

  static void register(ActorSystem<?> system, String name, ActorRef<HostActorIntegration.Request> actor)
      throws Exception {
    ServiceKey<HostActorIntegration.Request> key = HostActorIntegration.serviceKey(name);
    system.receptionist().tell(Receptionist.register(key, actor));
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      Receptionist.Listing listing = AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(),
          replyTo -> Receptionist.find(key, replyTo), WAIT, system.scheduler())
          .toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      if (listing.getServiceInstances(key).contains(actor)) return;
      Thread.sleep(20);
    }
    throw new AssertionError("the Receptionist never listed " + actor + " under " + key.id());
  }
}
