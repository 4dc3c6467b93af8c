package router.integration.http;

import java.util.concurrent.CompletableFuture;
import org.apache.pekko.Done;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.FlowShape;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.stage.AbstractGraphStageWithMaterializedValue;
import org.apache.pekko.stream.stage.AbstractInOutHandler;
import org.apache.pekko.stream.stage.AsyncCallback;
import org.apache.pekko.stream.stage.GraphStageLogic;
import router.integration.IntegrationException;

/**
 * Both ends of one backend connection's stream in a single stage, joined to pekko-http's connection flow: a request
 * enters with one asynchronous callback, and its response completes the caller's future inside the stream. (A
 * {@code Source.queue} and a {@code Sink.queue} cost a second callback, a Scala promise and its conversion per
 * exchange; two kill switches and {@code watchTermination} four more stages.) One exchange at a time.
 */
final class ExchangeStage extends AbstractGraphStageWithMaterializedValue<FlowShape<HttpResponse, HttpRequest>,
    ExchangeStage.Port> {
  private final Inlet<HttpResponse> responses = Inlet.create("ExchangeStage.responses");
  private final Outlet<HttpRequest> requests = Outlet.create("ExchangeStage.requests");
  private final FlowShape<HttpResponse, HttpRequest> shape = FlowShape.of(responses, requests);

  /** What the port sends the stage, through one callback (two callbacks' events may be delivered out of order). */
  private sealed interface Command {}

  /** A request and the future its response completes. */
  private record Exchange(HttpRequest request, CompletableFuture<HttpResponse> response) implements Command {}

  /** Fail the stream. */
  private record Abort(String why) implements Command {}

  /** The connection's end of the stream, used from any thread. */
  static final class Port {
    private final CompletableFuture<Done> terminated = new CompletableFuture<>();
    private AsyncCallback<Command> commands;
    // The latest exchange handed to the stage: failed when the stage stops, so that one sent as it stops (its
    // callback never runs) does not wait forever.
    private volatile CompletableFuture<HttpResponse> latest;

    /** Sends {@code request}; the future completes with its response (the entity maybe still to be read). */
    CompletableFuture<HttpResponse> exchange(HttpRequest request) {
      CompletableFuture<HttpResponse> response = new CompletableFuture<>();
      if (terminated.isDone()) return failed(response);
      latest = response;
      commands.invoke(new Exchange(request, response));
      // Stopped meanwhile: its postStop may have run before `latest` was set.
      if (terminated.isDone()) failed(response);
      return response;
    }

    /** Fails the stream (both directions): pekko-http aborts the TCP connection. */
    void abort(String why) {
      if (!terminated.isDone()) commands.invoke(new Abort(why));
    }

    CompletableFuture<Done> terminated() {
      return terminated;
    }

    private static CompletableFuture<HttpResponse> failed(CompletableFuture<HttpResponse> response) {
      response.completeExceptionally(new IntegrationException("The connection to the backend is closed"));
      return response;
    }
  }

  @Override
  public FlowShape<HttpResponse, HttpRequest> shape() {
    return shape;
  }

  @Override
  public Pair<GraphStageLogic, Port> createLogicAndMaterializedValuePair(Attributes attributes) {
    Port port = new Port();
    GraphStageLogic logic = new GraphStageLogic(shape) {
      private CompletableFuture<HttpResponse> awaiting;
      private HttpRequest unsent;

      {
        port.commands = createAsyncCallback((Command command) -> {
          if (command instanceof Exchange exchange) {
            onSend(exchange);
          } else if (command instanceof Abort abort) {
            IntegrationException aborted = new IntegrationException(abort.why());
            fail(aborted);
            failStage(aborted);
          }
        });
        setHandlers(responses, requests, new AbstractInOutHandler() {
          @Override
          public void onPush() {
            HttpResponse response = grab(responses);
            CompletableFuture<HttpResponse> waiter = awaiting;
            if (waiter == null) {
              failStage(new IntegrationException("The backend answered a request it was not sent"));
              return;
            }
            awaiting = null;
            pull(responses);
            waiter.complete(response); // the exchange goes on here, in the stream (see HttpExchange)
          }

          @Override
          public void onUpstreamFinish() {
            fail(new IntegrationException("The backend closed the connection without answering"));
            completeStage();
          }

          @Override
          public void onUpstreamFailure(Throwable cause) {
            fail(cause);
            failStage(cause);
          }

          @Override
          public void onPull() {
            if (unsent != null) {
              HttpRequest request = unsent;
              unsent = null;
              push(requests, request);
            }
          }
        });
      }

      @Override
      public void preStart() {
        pull(responses);
      }

      private void onSend(Exchange exchange) {
        if (awaiting != null) {
          exchange.response().completeExceptionally(
              new IntegrationException("A connection carries one exchange at a time"));
          return;
        }
        awaiting = exchange.response();
        if (isAvailable(requests)) push(requests, exchange.request());
        else unsent = exchange.request();
      }

      private void fail(Throwable cause) {
        CompletableFuture<HttpResponse> waiter = awaiting;
        awaiting = null;
        if (waiter != null) waiter.completeExceptionally(cause);
      }

      @Override
      public void postStop() {
        fail(new IntegrationException("The connection to the backend is closed"));
        port.terminated.complete(Done.getInstance());
        CompletableFuture<HttpResponse> latest = port.latest;
        if (latest != null) Port.failed(latest);
      }
    };
    return Pair.create(logic, port);
  }
}
