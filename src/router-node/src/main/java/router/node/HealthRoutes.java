package router.node;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import java.util.function.BooleanSupplier;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code /health/alive} (the process answers) and {@code /health/ready} (joined, stages loaded, serving). */
public final class HealthRoutes {
  private final BooleanSupplier ready;

  public HealthRoutes(BooleanSupplier ready) {
    this.ready = ready;
  }

  public Route route() {
    return pathPrefix("health", () -> concat(
        path("alive", () -> get(() -> complete(status(200, "alive")))),
        path("ready", () -> get(() -> complete(ready.getAsBoolean() ? status(200, "ready")
            : status(StatusCodes.SERVICE_UNAVAILABLE.intValue(), "starting"))))));
  }

  private static HttpResponse status(int code, String status) {
    return HttpResponse.create().withStatus(code)
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, "{\"status\":\"" + status + "\"}"));
  }
}
