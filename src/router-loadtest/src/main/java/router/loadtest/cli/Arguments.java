package router.loadtest.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import router.loadtest.run.LoadSettings;

/**
 * The command line: a command followed by {@code --key value} (or {@code --key=value}) pairs,
 * each overriding {@code router.loadtest.key}; {@code --quiet} is {@code --progress false}.
 */
public record Arguments(String command, Map<String, String> overrides) {
  private static final String REPEATABLE = "url";

  /** Parses {@code args}; {@code known} are the valid keys. Throws {@link IllegalArgumentException} on a bad line. */
  public static Arguments parse(String[] args, Set<String> known) {
    if (args.length == 0) return new Arguments("help", Map.of());
    Map<String, String> overrides = new LinkedHashMap<>();
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    for (int i = 0; i < rest.size(); i++) {
      String a = rest.get(i);
      if (!a.startsWith("--")) throw new IllegalArgumentException("expected --key value, got " + a);
      String key = a.substring(2);
      String value;
      int eq = key.indexOf('=');
      if (eq >= 0) {
        value = key.substring(eq + 1);
        key = key.substring(0, eq);
      } else if (key.equals("quiet")) {
        key = "progress";
        value = "false";
      } else {
        if (i + 1 >= rest.size()) throw new IllegalArgumentException("--" + key + " needs a value");
        value = rest.get(++i);
      }
      if (!known.contains(key)) throw new IllegalArgumentException("unknown option --" + key + " (see: help)");
      // --url may be repeated: the connections are spread over every URL given (a cluster's nodes).
      if (key.equals(REPEATABLE) && overrides.containsKey(key)) value = overrides.get(key) + "," + value;
      overrides.put(key, value);
    }
    return new Arguments(args[0], Map.copyOf(overrides));
  }

  /** {@code base} with the overrides applied under {@link LoadSettings#PATH}. */
  public Config applyTo(Config base) {
    Map<String, String> paths = new LinkedHashMap<>();
    overrides.forEach((k, v) -> paths.put(LoadSettings.PATH + "." + k, v));
    return ConfigFactory.parseMap(paths).withFallback(base).resolve();
  }
}
