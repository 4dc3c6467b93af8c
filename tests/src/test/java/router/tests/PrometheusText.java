package router.tests;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4: {@code # HELP} and {@code # TYPE} lines, then
 * samples {@code name{label="value",...} value}. Fails on anything else, on a sample whose family has no TYPE, and
 * on a histogram whose buckets are not cumulative or do not end at {@code +Inf} with the count.
 */
final class PrometheusText {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");
  private static final Pattern TYPE =
      Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
  private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") .*");
  private static final List<String> SUFFIXES = List.of("_bucket", "_count", "_sum", "_total", "_created");

  /** One sample line. */
  record Sample(String name, Map<String, String> labels, double value) {}

  final Map<String, String> types = new HashMap<>();
  final List<Sample> samples = new ArrayList<>();

  static PrometheusText parse(String text) {
    PrometheusText parsed = new PrometheusText();
    for (String line : text.split("\n")) {
      if (line.isEmpty()) continue;
      Matcher type = TYPE.matcher(line);
      if (type.matches()) {
        parsed.types.put(type.group(1), type.group(2));
      } else if (line.startsWith("#")) {
        if (!HELP.matcher(line).matches()) throw new IllegalArgumentException("bad comment line: " + line);
      } else {
        parsed.samples.add(parsed.sample(line));
      }
    }
    parsed.checkHistograms();
    return parsed;
  }

  private Sample sample(String line) {
    Matcher name = NAME.matcher(line);
    if (!name.lookingAt()) throw new IllegalArgumentException("bad sample: " + line);
    int at = name.end();
    Map<String, String> labels = new LinkedHashMap<>();
    if (at < line.length() && line.charAt(at) == '{') {
      int close = line.indexOf('}', at);
      String inner = line.substring(at + 1, close);
      Matcher label = LABEL.matcher(inner);
      int from = 0;
      while (from < inner.length()) {
        if (!label.find(from) || label.start() != from) throw new IllegalArgumentException("bad labels: " + line);
        labels.put(label.group(1), label.group(2).replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\"));
        from = label.end();
        if (from < inner.length()) {
          if (inner.charAt(from) != ',') throw new IllegalArgumentException("bad labels: " + line);
          from++;
        }
      }
      at = close + 1;
    }
    String[] rest = line.substring(at).trim().split(" ");
    if (rest.length < 1 || rest.length > 2) throw new IllegalArgumentException("bad value: " + line);
    String metric = name.group();
    if (family(metric) == null) throw new IllegalArgumentException("sample without TYPE: " + line);
    return new Sample(metric, labels, value(rest[0]));
  }

  private String family(String metric) {
    if (types.containsKey(metric)) return metric;
    for (String suffix : SUFFIXES) {
      if (metric.endsWith(suffix)) {
        String base = metric.substring(0, metric.length() - suffix.length());
        if (types.containsKey(base)) return base;
      }
    }
    return null;
  }

  private static double value(String text) {
    return switch (text) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(text);
    };
  }

  private void checkHistograms() {
    types.forEach((family, type) -> {
      if (!type.equals("histogram")) return;
      Map<Map<String, String>, List<Sample>> bySeries = new HashMap<>();
      for (Sample s : samples) {
        if (!s.name().equals(family + "_bucket")) continue;
        Map<String, String> series = new HashMap<>(s.labels());
        series.remove("le");
        bySeries.computeIfAbsent(series, k -> new ArrayList<>()).add(s);
      }
      bySeries.forEach((series, buckets) -> {
        double previous = 0;
        for (Sample bucket : buckets) {
          if (bucket.value() < previous) throw new IllegalArgumentException("buckets not cumulative: " + family);
          previous = bucket.value();
        }
        Sample last = buckets.get(buckets.size() - 1);
        if (!"+Inf".equals(last.labels().get("le"))) throw new IllegalArgumentException("no +Inf bucket: " + family);
        if (last.value() != value(family + "_count", series)) {
          throw new IllegalArgumentException("+Inf bucket is not the count: " + family);
        }
      });
    });
  }

  /** The value of the sample with this name and exactly these labels; 0 when there is none. */
  double value(String name, Map<String, String> labels) {
    for (Sample s : samples) {
      if (s.name().equals(name) && s.labels().equals(labels)) return s.value();
    }
    return 0;
  }

  /** Whether any sample has this name and these labels among its own. */
  boolean has(String name, Map<String, String> labels) {
    return samples.stream()
        .anyMatch(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()));
  }
}
