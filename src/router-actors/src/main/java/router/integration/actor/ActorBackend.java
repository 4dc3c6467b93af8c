package router.integration.actor;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import router.integration.IntegrationBackend;
import router.integration.IntegrationException;
import router.integration.IntegrationRequest;
import router.integration.IntegrationResult;
import router.concurrent.Stages;

/**
 * Calls actors of the host application found through the Receptionist (see {@link HostActorIntegration}). The
 * instances registered under each key used so far are watched by a small actor and kept in a map, so a call costs
 * one ask and no Receptionist round trip; calls rotate over the instances.
 */
public final class ActorBackend implements IntegrationBackend {
  private static final String KEY_PREFIX = HostActorIntegration.KEY_PREFIX;
  private static final Pattern URI = Pattern.compile("arn:aws[a-z-]*:apigateway:[^:]*:actor:path/(.+)");

  private final ActorSystem<?> system;
  private final ActorRef<WatcherCommand> watcher;
  private final Map<String, List<ActorRef<HostActorIntegration.Request>>> instances = new ConcurrentHashMap<>();
  private final AtomicInteger next = new AtomicInteger();

  /** What the watcher understands; local to this node. */
  private sealed interface WatcherCommand extends NoSerializationVerificationNeeded {}

  /** Follow the instances of a key. */
  private record Watch(ServiceKey<HostActorIntegration.Request> key) implements WatcherCommand {}

  /** The Receptionist's current instances of a key. */
  private record Listed(Receptionist.Listing listing) implements WatcherCommand {}

  public ActorBackend(ActorSystem<?> system) {
    this.system = system;
    this.watcher = system.systemActorOf(watcher(), "routerHostActorIntegrations", Props.empty());
  }

  /** The service name an {@code integrationUri} names, or null when it is not a host-actor URI. */
  public static String serviceName(String uri) {
    Matcher matcher = uri == null ? null : URI.matcher(uri);
    return matcher != null && matcher.matches() ? matcher.group(1) : null;
  }

  @Override
  public CompletionStage<IntegrationResult> invoke(IntegrationRequest request) {
    String name = serviceName(request.uri());
    if (name == null) {
      return CompletableFuture.failedFuture(new IntegrationException(
          "Not a host actor integration URI: " + request.uri()
              + " (expected arn:aws:apigateway:{region}:actor:path/{name})"));
    }
    List<ActorRef<HostActorIntegration.Request>> known = instances.get(name);
    if (known == null) {
      watcher.tell(new Watch(HostActorIntegration.serviceKey(name)));
      return find(name).thenCompose(found -> ask(name, found, request));
    }
    return ask(name, known, request);
  }

  private CompletionStage<List<ActorRef<HostActorIntegration.Request>>> find(String name) {
    ServiceKey<HostActorIntegration.Request> key = HostActorIntegration.serviceKey(name);
    return Stages.plain(AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(),
            replyTo -> Receptionist.find(key, replyTo), Duration.ofSeconds(3), system.scheduler()))
        .thenApply(listing -> List.copyOf(listing.getServiceInstances(key)));
  }

  private CompletionStage<IntegrationResult> ask(
      String name, List<ActorRef<HostActorIntegration.Request>> candidates, IntegrationRequest request) {
    if (candidates.isEmpty()) {
      return CompletableFuture.failedFuture(
          new IntegrationException("No actor of the host application is registered for integration " + name));
    }
    ActorRef<HostActorIntegration.Request> target =
        candidates.get(Math.floorMod(next.getAndIncrement(), candidates.size()));
    // The caller enforces the deadline; the ask only must not outlive it by much.
    Duration timeout = Duration.ofNanos(Math.max(1, request.remainingNanos())).plusSeconds(1);
    return Stages.plain(AskPattern.<HostActorIntegration.Request, HostActorIntegration.Response>ask(target,
            replyTo -> new HostActorIntegration.Request(request.event(), request.body(), replyTo), timeout,
            system.scheduler()))
        .thenApply(ActorBackend::result);
  }

  private static IntegrationResult result(HostActorIntegration.Response response) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    if (response.headers() != null) {
      response.headers().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.of(v)));
    }
    return new IntegrationResult(response.statusCode(), headers, response.body() == null ? "" : response.body());
  }

  // Subscribes to each key once and keeps the instance map current.
  private Behavior<WatcherCommand> watcher() {
    return Behaviors.setup(context -> {
      ActorRef<Receptionist.Listing> listings = context.messageAdapter(Receptionist.Listing.class, Listed::new);
      Set<String> watched = new HashSet<>();
      return Behaviors.receive(WatcherCommand.class)
          .onMessage(Watch.class, watch -> {
            if (watched.add(watch.key().id())) {
              context.getSystem().receptionist().tell(Receptionist.subscribe(watch.key(), listings));
            }
            return Behaviors.same();
          })
          .onMessage(Listed.class, listed -> {
            @SuppressWarnings("unchecked")
            ServiceKey<HostActorIntegration.Request> key =
                (ServiceKey<HostActorIntegration.Request>) listed.listing().getKey();
            instances.put(key.id().substring(KEY_PREFIX.length()),
                List.copyOf(listed.listing().getServiceInstances(key)));
            return Behaviors.same();
          })
          .build();
    });
  }
}
