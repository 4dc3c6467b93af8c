package router.node;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import java.util.List;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /health/alive} (the process answers) and {@code /health/ready} (joined, stages loaded, serving): 200
 * {@code {"status":"ready"}}, else 503 {@code {"status":"not ready","reasons":[...]}} saying what it waits for.
 */
public final class HealthRoutes {
  private final Supplier<List<String>> notReadyBecause;

  /** @param notReadyBecause why the node is not ready, in words for an operator; empty when it is */
  public HealthRoutes(Supplier<List<String>> notReadyBecause) {
    this.notReadyBecause = notReadyBecause;
  }

  public Route route() {
    return pathPrefix("health", () -> concat(
        path("alive", () -> get(() -> complete(json(200, "{\"status\":\"alive\"}")))),
        path("ready", () -> get(() -> complete(ready(notReadyBecause.get()))))));
  }

  static HttpResponse ready(List<String> reasons) {
    if (reasons.isEmpty()) return json(200, "{\"status\":\"ready\"}");
    StringBuilder body = new StringBuilder("{\"status\":\"not ready\",\"reasons\":[");
    for (int i = 0; i < reasons.size(); i++) {
      if (i > 0) body.append(',');
      body.append('"').append(escape(reasons.get(i))).append('"');
    }
    return json(StatusCodes.SERVICE_UNAVAILABLE.intValue(), body.append("]}").toString());
  }

  private static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') escaped.append('\\').append(c);
      else if (c < 0x20) escaped.append(String.format("\\u%04x", (int) c));
      else escaped.append(c);
    }
    return escaped.toString();
  }

  private static HttpResponse json(int code, String body) {
    return HttpResponse.create().withStatus(code).withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body));
  }
}
