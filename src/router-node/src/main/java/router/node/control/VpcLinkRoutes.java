package router.node.control;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import router.config.VpcLinkRules;
import router.config.VpcLinkService;
import router.errors.ApiGatewayException;
import router.errors.NotFoundException;
import router.model.VpcLink;

/**
 * API Gateway's REST-style VPC links ({@code /vpclinks}), which WebSocket APIs use: what {@code aws apigateway
 * create-vpc-link | get-vpc-link | get-vpc-links | update-vpc-link | delete-vpc-link --endpoint-url} call. Create and
 * delete answer 202 as AWS does; lists are {@code {"item": [...], "position": ...}}.
 */
public final class VpcLinkRoutes {
  private static final int OK = 200;
  private static final int ACCEPTED = 202;

  private final VpcLinkService service;

  public VpcLinkRoutes(VpcLinkService service) {
    this.service = service;
  }

  /** Input of UpdateVpcLink. */
  record PatchInput(List<VpcLinkRules.PatchOperation> patchOperations) {}

  public Route route() {
    return pathPrefix("vpclinks", () -> handleExceptions(
        ExceptionHandler.newBuilder().matchAny(e -> complete(ControlPlaneRoutes.error(e))).build(),
        () -> concat(
            pathEndOrSingleSlash(() -> concat(
                get(() -> parameterOptional("limit", limit -> parameterOptional("position", position ->
                    respond(OK, () -> service.list(limit.orElse(null), position.orElse(null))
                        .thenApply(page -> {
                          Map<String, Object> body = new LinkedHashMap<>();
                          body.put("item", page.items());
                          if (page.nextToken() != null) body.put("position", page.nextToken());
                          return body;
                        }))))),
                post(() -> body(VpcLink.class, input -> respond(ACCEPTED, () -> service.create(input)))),
                complete(ControlPlaneRoutes.error(new NotFoundException("No operation for this method on /vpclinks"))))),
            path(PathMatchers.segment(), id -> concat(
                get(() -> respond(OK, () -> service.get(id))),
                patch(() -> body(PatchInput.class, input ->
                    respond(OK, () -> service.update(id, input.patchOperations())))),
                delete(() -> completeWithFuture(safely(() -> service.delete(id)).handle((done, failure) ->
                    failure == null ? HttpResponse.create().withStatus(ACCEPTED) : ControlPlaneRoutes.error(failure)))),
                complete(ControlPlaneRoutes.error(
                    new NotFoundException("No operation for this method on this VPC link"))))),
            complete(ControlPlaneRoutes.error(new NotFoundException("Router does not implement this resource"))))));
  }

  private static <T> Route body(Class<T> type, Function<T, Route> inner) {
    return entity(Unmarshaller.entityToString(), text -> {
      T value;
      try {
        value = WireJson.read(text.isEmpty() ? "{}" : text, type);
      } catch (ApiGatewayException e) {
        return complete(ControlPlaneRoutes.error(e));
      }
      return inner.apply(value);
    });
  }

  private static Route respond(int status, Supplier<? extends CompletionStage<?>> call) {
    return completeWithFuture(safely(call).handle((value, failure) -> failure == null
        ? HttpResponse.create().withStatus(status)
            .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, WireJson.write(value)))
        : ControlPlaneRoutes.error(failure)));
  }

  private static CompletionStage<?> safely(Supplier<? extends CompletionStage<?>> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
