package router.node.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.http.ParsingErrorHandler;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.scaladsl.model.ErrorInfo;
import org.apache.pekko.http.scaladsl.model.StatusCode;
import org.apache.pekko.http.scaladsl.settings.ServerSettings;
import org.slf4j.LoggerFactory;
import router.runtime.RateLimitedLog;

/**
 * pekko-http's handler of requests too malformed to route (garbage instead of a request line, an oversized header,
 * a handshake cut short), configured as {@code pekko.http.server.parsing.error-handler}: answers as pekko-http's
 * default handler does, counts every one ({@code router_http_bad_requests_total}) and logs at most one line per status
 * per interval on logger {@code router.client}, where the default handler logs a WARN per request (1,500 bad
 * handshakes, 1,500 lines). pekko-http creates it by class name with no arguments, so the count and the log are per
 * process (all listeners of all nodes in the JVM).
 */
public final class ParsingErrorLog extends ParsingErrorHandler {
  /** The default of {@code router.logging.rate-limit-interval}, until a node configures it. */
  private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
  private static final LongAdder COUNT = new LongAdder();
  private static volatile RateLimitedLog log = logEvery(DEFAULT_INTERVAL);

  /** Logs at most one line per status per {@code interval} from now on. */
  public static void configure(Duration interval) {
    log = logEvery(interval);
  }

  /** Requests refused by the parser in this process so far. */
  public static long count() {
    return COUNT.sum();
  }

  private static RateLimitedLog logEvery(Duration interval) {
    return new RateLimitedLog(LoggerFactory.getLogger("router.client"), interval);
  }

  @Override
  public HttpResponse handle(StatusCode status, ErrorInfo info, LoggingAdapter ignored, ServerSettings settings) {
    COUNT.increment();
    log.warn("bad request " + status.intValue(), "Illegal request, responding with status '{}': {}", status,
        info.summary());
    String body = settings.verboseErrorMessages() ? info.formatPretty() : info.summary();
    return HttpResponse.create().withStatus(status).withEntity(body);
  }
}
