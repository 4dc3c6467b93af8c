package router.node.control;

import static org.apache.pekko.http.javadsl.server.Directives.*;

import java.net.URI;
import java.util.List;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.Uri;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The console under {@code /console}: static files from the jar's {@code console/} directory, which call this
 * listener's own {@code /v2} API. Every answer carries a Content-Security-Policy allowing only this origin's
 * scripts and styles, and WebSocket connections only to the execute-api endpoint (the live test client).
 */
public final class ConsoleRoutes {
  private static final String RESOURCES = "console";

  private final List<HttpHeader> headers;

  /**
   * @param apiEndpoint the {@code apiEndpoint} the API with a given id reports (as for {@link ControlPlaneRoutes});
   *     its origin is the only WebSocket origin the page may connect to
   */
  public ConsoleRoutes(Function<String, String> apiEndpoint) {
    this.headers = List.of(
        RawHeader.create("Content-Security-Policy", contentSecurityPolicy(origin(apiEndpoint.apply("api")))),
        RawHeader.create("X-Content-Type-Options", "nosniff"),
        RawHeader.create("Referrer-Policy", "no-referrer"),
        RawHeader.create("Cache-Control", "no-cache"));
  }

  /** The policy: nothing but this origin's files, this origin's API and the execute-api WebSocket origin. */
  static String contentSecurityPolicy(String webSocketOrigin) {
    return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        + "connect-src 'self' " + webSocketOrigin + "; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  }

  // ws://host:port/{apiId} -> ws://host:port
  static String origin(String endpoint) {
    URI uri = URI.create(endpoint);
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }

  public Route route() {
    return pathPrefix("console", () -> respondWithHeaders(headers, () -> get(() -> concat(
        pathEnd(() -> redirect(Uri.create("/console/"), StatusCodes.MOVED_PERMANENTLY)),
        pathSingleSlash(() -> getFromResource(RESOURCES + "/index.html")),
        getFromResourceDirectory(RESOURCES)))));
  }
}
