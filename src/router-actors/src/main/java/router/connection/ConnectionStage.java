package router.connection;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.FlowShape;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.KillSwitch;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.AsyncCallback;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;
import router.runtime.ClientMessage;
import router.runtime.ConnectionInfo;
import router.runtime.MessageProcessor;
import router.runtime.ServerMessage;

/**
 * One connection's pipeline as a single stage (see {@link ConnectionFlow}): at most {@code maxInFlight} client messages
 * in {@link MessageProcessor#onMessage} at once, replies in message order, merged fairly with the connection's
 * {@link OutboundQueue}; {@link Connection#close} ends it at once. It does what {@code mapAsync}, {@code filter}, a
 * merge with {@code Source.queue} and its {@code map}, a kill switch and {@code watchTermination} did, for one stage's
 * construction and materialisation per connection instead of eight: accepting a connection costs mostly that.
 * Registration happens when the stage is materialised, so the connection is reachable once its stream runs.
 */
final class ConnectionStage extends GraphStage<FlowShape<ClientMessage, ServerMessage>> {
  private final Inlet<ClientMessage> in = Inlet.create("ConnectionStage.in");
  private final Outlet<ServerMessage> out = Outlet.create("ConnectionStage.out");
  private final FlowShape<ClientMessage, ServerMessage> shape = FlowShape.of(in, out);
  private final Connection connection;
  private final ConnectionRegistry registry;
  private final BiFunction<ConnectionInfo, ClientMessage, CompletionStage<ServerMessage>> onMessage;
  private final int maxInFlight;
  private final OutboundLimits limits;

  ConnectionStage(Connection connection, ConnectionRegistry registry, int maxInFlight, OutboundLimits limits) {
    this(connection, registry, registry.processor()::onMessage, maxInFlight, limits);
  }

  /** @param onMessage what answers a client message ({@link MessageProcessor#onMessage}; tests choose when) */
  ConnectionStage(Connection connection, ConnectionRegistry registry,
      BiFunction<ConnectionInfo, ClientMessage, CompletionStage<ServerMessage>> onMessage, int maxInFlight,
      OutboundLimits limits) {
    if (maxInFlight < 1) throw new IllegalArgumentException("max-in-flight must be at least 1: " + maxInFlight);
    this.connection = connection;
    this.registry = registry;
    this.onMessage = onMessage;
    this.maxInFlight = maxInFlight;
    this.limits = limits;
  }

  @Override
  public FlowShape<ClientMessage, ServerMessage> shape() {
    return shape;
  }

  @Override
  public Attributes initialAttributes() {
    return Attributes.name("connection");
  }

  @Override
  public GraphStageLogic createLogic(Attributes inheritedAttributes) {
    Logic logic = new Logic();
    connection.attach(logic.outbound, limits.maxBytes(), logic.killSwitch);
    registry.open(connection);
    return logic;
  }

  /** A client message being processed: its reply once known (set on the stage's thread only). */
  private static final class Slot {
    ServerMessage reply;
    Throwable failure;
    boolean done;

    void complete(ServerMessage reply, Throwable failure) {
      this.reply = reply;
      this.failure = failure instanceof CompletionException && failure.getCause() != null
          ? failure.getCause() : failure;
      this.done = true;
    }
  }

  /** The answer of {@link MessageProcessor#onMessage} for {@code slot}, handed to the stage's thread. */
  private record Answer(Slot slot, ServerMessage reply, Throwable failure) {}

  private final class Logic extends GraphStageLogic {
    private final ArrayDeque<Slot> inFlight = new ArrayDeque<>();
    // Async callbacks may be invoked before the stage starts; Pekko holds their events until it has.
    private final AsyncCallback<Answer> answered = createAsyncCallback(answer -> {
      answer.slot().complete(answer.reply(), answer.failure());
      emit();
    });
    private final AsyncCallback<Boolean> queued = createAsyncCallback(any -> emit());
    private final AsyncCallback<Throwable> ended = createAsyncCallback(cause -> {
      if (cause == null) completeStage();
      else failStage(cause);
    });
    final OutboundQueue outbound =
        new OutboundQueue(limits.maxMessages(), () -> queued.invoke(Boolean.TRUE), ended::invoke);
    final KillSwitch killSwitch = new KillSwitch() {
      @Override
      public void shutdown() {
        ended.invoke(null);
      }

      @Override
      public void abort(Throwable cause) {
        ended.invoke(cause);
      }
    };
    /** Whether the outbound queue goes first at the next pull: the two sources alternate, as in a merge. */
    private boolean queueFirst;
    private boolean failed;

    Logic() {
      super(shape);
      setHandler(in, new AbstractInHandler() {
        @Override
        public void onPush() {
          onClientMessage(grab(in));
        }

        @Override
        public void onUpstreamFinish() {
          // Replies still due go out first; the outbound queue's messages have nowhere to go once they have.
          if (inFlight.isEmpty()) completeStage();
        }
      });
      setHandler(out, new AbstractOutHandler() {
        @Override
        public void onPull() {
          emit();
        }
      });
    }

    @Override
    public void preStart() {
      pull(in);
    }

    private void onClientMessage(ClientMessage message) {
      connection.touch(System.currentTimeMillis());
      ConnectionFlow.metrics(connection).messageReceived();
      Slot slot = new Slot();
      inFlight.add(slot);
      CompletionStage<ServerMessage> reply = onMessage.apply(connection.info(), message);
      if (reply instanceof CompletableFuture<ServerMessage> future && future.isDone()) {
        // Answered at once (MOCK): no hop through the stage's mailbox.
        try {
          slot.complete(future.join(), null);
        } catch (RuntimeException e) {
          slot.complete(null, e);
        }
      } else {
        reply.whenComplete((value, failure) -> answered.invoke(new Answer(slot, value, failure)));
      }
      emit();
    }

    /** Pushes what can go to the client now; asks for the next client message when a slot is free. */
    private void emit() {
      if (isAvailable(out)) {
        ServerMessage next = null;
        boolean queuedMessage = false;
        if (queueFirst) {
          next = fromQueue(outbound.poll());
          queuedMessage = next != null;
        }
        if (next == null) {
          next = nextReply();
          if (failed) return;
        }
        if (next == null) {
          next = fromQueue(outbound.pollOrWait());
          queuedMessage = next != null;
        }
        if (next != null) {
          queueFirst = !queuedMessage;
          push(out, next);
        }
      }
      if (isClosed(in)) {
        if (inFlight.isEmpty()) completeStage();
      } else if (!hasBeenPulled(in) && inFlight.size() < maxInFlight) {
        pull(in);
      }
    }

    /** A message taken from the outbound queue: its bytes no longer count as queued. */
    private ServerMessage fromQueue(ServerMessage message) {
      if (message != null) {
        connection.taken(message);
        ConnectionFlow.metrics(connection).messageSent();
      }
      return message;
    }

    /** The reply of the oldest message if it is known and goes to the client; answers that send nothing are skipped. */
    private ServerMessage nextReply() {
      while (!inFlight.isEmpty() && inFlight.peek().done) {
        Slot slot = inFlight.poll();
        if (slot.failure != null) {
          failed = true;
          failStage(slot.failure);
          return null;
        }
        if (slot.reply == MessageProcessor.NOTHING) continue;
        if (!(slot.reply instanceof ServerMessage.Close)) ConnectionFlow.metrics(connection).messageSent();
        return slot.reply;
      }
      return null;
    }

    @Override
    public void postStop() {
      outbound.close();
      registry.ended(connection);
    }
  }
}
