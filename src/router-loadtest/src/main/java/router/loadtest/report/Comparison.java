package router.loadtest.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import router.loadtest.json.JsonReader;

/**
 * Router ÷ baseline from a directory of results named {@code <test>-baseline.json} and
 * {@code <test>-router.json}: the table the bench prints, its JSON, and an HTML page overlaying
 * both runs of each test. Tests: max (highest sustained open-loop rate), half (open loop at half
 * the baseline's max), closed (closed-loop saturation), connect, idle, push. The integrations
 * test compares the router with itself: see {@link Integrations}.
 */
public final class Comparison {

  /** One figure: which test's files, which JSON path, how it is named, its goal. */
  private record Metric(String test, String path, String name, Target target) {}

  private static final List<Metric> METRICS = List.of(
      new Metric("max", "throughput", "highest sustained rate, MOCK two-way (msg/s)", Target.ratioAtLeast(0.6)),
      new Metric("max", "targetCpuMicrosPerMessage", "server CPU per message at that rate (µs)", Target.NONE),
      new Metric("half", "throughput", "rate at half load (msg/s)", Target.NONE),
      new Metric("half", "latencyMs.p50", "p50 at half load (ms)", Target.NONE),
      new Metric("half", "latencyMs.p99", "p99 at half load (ms)", Target.atMostPlus(2, "ms")),
      new Metric("half", "latencyMs.p999", "p99.9 at half load (ms)", Target.NONE),
      new Metric("half", "targetCpuMicrosPerMessage", "server CPU per message at half load (µs)", Target.NONE),
      new Metric("closed", "throughput", "closed-loop saturation, 4 in flight/conn (msg/s)", Target.NONE),
      new Metric("closed", "targetCpuMicrosPerMessage", "server CPU per message at saturation (µs)", Target.NONE),
      new Metric("connect", "throughput", "connections accepted per second", Target.absoluteAtLeast(5000, "/s")),
      new Metric("connect", "latencyMs.p99", "connect p99 (ms)", Target.NONE),
      new Metric("connect", "targetCpuMicrosPerConnection", "server CPU per connection (µs)", Target.NONE),
      new Metric("idle", "heapPerConnectionBytes", "heap per idle connection (bytes)", Target.ratioAtMost(1.25)),
      new Metric("idle", "rssPerConnectionBytes", "RSS per idle connection (bytes)", Target.NONE),
      new Metric("push", "throughput", "@connections push rate (msg/s)", Target.NONE),
      new Metric("push", "latencyMs.p99", "push p99 (ms)", Target.NONE));

  private Comparison() {}

  /** The rows for the results in {@code dir}; absent files give pending rows. */
  public static List<ComparisonRow> rows(Path dir) throws IOException {
    List<ComparisonRow> rows = new ArrayList<>();
    for (Metric m : METRICS) {
      RunData b = load(dir, m.test(), "baseline");
      RunData r = load(dir, m.test(), "router");
      if (b == null && r == null) continue;
      rows.add(new ComparisonRow(m.test(), m.name(), b == null ? null : b.number(m.path()),
          r == null ? null : r.number(m.path()), m.target()));
    }
    return rows;
  }

  private static RunData load(Path dir, String test, String side) throws IOException {
    Path file = dir.resolve(test + "-" + side + ".json");
    if (!Files.exists(file)) return null;
    return new RunData(JsonReader.parseObject(Files.readString(file)));
  }

  /** The rows as a fixed-width text table. */
  public static String table(List<ComparisonRow> rows) {
    StringBuilder out = new StringBuilder();
    String format = "%-42s %14s %14s %9s  %-22s %s%n";
    out.append(String.format(Locale.ROOT, format, "figure", "baseline", "router", "r÷b", "target", "verdict"));
    for (ComparisonRow row : rows) {
      out.append(String.format(Locale.ROOT, format, row.metric(), figure(row.baseline()), figure(row.router()),
          row.ratio() == null ? "-" : String.format(Locale.ROOT, "%.2f", row.ratio()), row.target().text(),
          row.verdict()));
    }
    return out.toString();
  }

  /** The rows as a JSON-ready map. */
  public static Map<String, Object> toMap(List<ComparisonRow> rows) {
    Map<String, Object> m = new LinkedHashMap<>();
    List<Object> list = new ArrayList<>();
    for (ComparisonRow r : rows) list.add(r.toMap());
    m.put("rows", list);
    return m;
  }

  /** The comparison page: the table, then each test's runs overlaid. */
  public static String html(Path dir, List<ComparisonRow> rows, String preamble) throws IOException {
    return html(dir, rows, preamble, "");
  }

  /** The comparison page with {@code appendix} (an HTML fragment) after the tests' charts. */
  public static String html(Path dir, List<ComparisonRow> rows, String preamble, String appendix)
      throws IOException {
    StringBuilder body = new StringBuilder();
    body.append("<p>").append(Html.escape(preamble)).append("</p>\n");
    body.append("<table><tr><th>figure</th><th>baseline</th><th>router</th><th>router ÷ baseline</th><th>target</th><th>verdict</th></tr>\n");
    for (ComparisonRow row : rows) {
      String css = switch (row.verdict()) {
        case "PASS" -> "pass";
        case "SHORT" -> "short";
        case "pending" -> "pending";
        default -> "";
      };
      body.append("<tr><td>").append(Html.escape(row.metric())).append("</td><td>").append(figure(row.baseline()))
          .append("</td><td>").append(figure(row.router())).append("</td><td>")
          .append(row.ratio() == null ? "-" : String.format(Locale.ROOT, "%.2f", row.ratio()))
          .append("</td><td>").append(Html.escape(row.target().text())).append("</td><td class=\"").append(css)
          .append("\">").append(row.verdict()).append("</td></tr>\n");
    }
    body.append("</table>\n");
    for (String test : List.of("max", "half", "closed", "connect", "push")) {
      List<RunData> runs = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (String side : List.of("baseline", "router")) {
        RunData d = load(dir, test, side);
        if (d != null) {
          runs.add(d);
          names.add(side);
        }
      }
      if (runs.isEmpty()) continue;
      body.append("<h2>").append(test).append("</h2>\n");
      body.append(HtmlReport.charts(runs, names));
    }
    body.append(appendix);
    return Html.page("Router vs baseline", body.toString());
  }

  private static String figure(Double v) {
    if (v == null) return "-";
    if (Math.abs(v) >= 100) return String.format(Locale.ROOT, "%.0f", v);
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
