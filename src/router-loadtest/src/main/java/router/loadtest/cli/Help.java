package router.loadtest.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import router.loadtest.run.LoadSettings;

/** Usage text: the commands, then every option with its default and its comment from reference.conf. */
public final class Help {

  private static final String COMMANDS = """
      router-loadtest <command> [--option value ...]

      commands:
        run          round trip: messages out, replies back (open loop with --rate, else closed loop)
        max          highest sustained open-loop rate: steps at growing rates until one does not hold
        push         @connections push: POST to each connection, time until the frame arrives
        connect      connect rate: open (and close) connections, accepted per second
        idle         idle hold: hold --connections open, report the target's heap and RSS per connection
        http         POSTs straight at an http:// URL (a backend, without the router): rate and latency
        probe        one connection, --count messages (default 1), each reply printed; exit 0 if all echoed seq
        echo-server  a baseline: bare pekko-http WebSocket echo (push-capable under /push/...);
                     --echo-server netty for the same echo on bare Netty 4.2 (epoll if it loads, else NIO)
        backend      local integration backend: POST /echo and the Lambda Invoke API, answering at once
                     (on Netty by default; --backend-server pekko for pekko-http)
        setup        create the benchmark API on a router (prints its ws:// URL)
        compare      router ÷ baseline table and HTML from a --dir of results
        help         this text

      Load goes to loopback addresses only. The one-line JSON summary is printed on stdout,
      progress and logs on stderr.

      options (defaults from reference.conf):
      """;

  private Help() {}

  /** The option keys, as accepted on the command line. */
  public static Set<String> keys(Config config) {
    return config.getConfig(LoadSettings.PATH).root().keySet();
  }

  /** The full usage text. */
  public static String text(Config config) {
    StringBuilder out = new StringBuilder(COMMANDS);
    Map<String, ConfigValue> sorted = new TreeMap<>(config.getConfig(LoadSettings.PATH).root());
    for (Map.Entry<String, ConfigValue> e : sorted.entrySet()) {
      out.append("  --").append(e.getKey()).append(' ').append(e.getValue().render()).append('\n');
      for (String comment : e.getValue().origin().comments()) {
        out.append("        ").append(comment.trim()).append('\n');
      }
    }
    return out.toString();
  }
}
