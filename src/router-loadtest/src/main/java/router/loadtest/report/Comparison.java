package router.loadtest.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import router.loadtest.json.JsonReader;

/**
 * Router ÷ baselines from a directory of results named {@code <test>-<side>-<repetition>.json} (side: pekko, netty,
 * router; repetition 1, 2, ...; an older run's {@code <test>-baseline.json} and {@code <test>-router.json} read as
 * pekko and router, repetition 1): the table the bench prints, its JSON, and an HTML page overlaying the sides of
 * each test. Each figure is the median over its repetitions with its spread; each ratio is the median of the
 * per-repetition ratios with theirs. Tests: max (highest sustained open-loop rate), half (open loop at half the
 * pekko-http baseline's max), closed (closed-loop saturation), connect, idle, push. The integrations test compares
 * the router with itself: see {@link Integrations}.
 */
public final class Comparison {

  /** The sides, in table order: the pekko-http baseline, the Netty baseline, the router. */
  public static final List<String> SIDES = List.of("pekko", "netty", "router");
  private static final Map<String, String> SIDE_NAMES = Map.of("pekko", "pekko-http", "netty", "netty", "router", "router");
  private static final Pattern RESULT = Pattern.compile("([a-z]+)-([a-z]+)-([0-9]+)\\.json");

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
    Map<String, Map<String, SortedMap<Integer, RunData>>> results = load(dir);
    List<ComparisonRow> rows = new ArrayList<>();
    for (Metric m : METRICS) {
      Map<String, SortedMap<Integer, RunData>> test = results.get(m.test());
      if (test == null) continue;
      Map<String, SortedMap<Integer, Double>> values = new LinkedHashMap<>();
      for (String side : SIDES) {
        SortedMap<Integer, Double> v = new TreeMap<>();
        for (Map.Entry<Integer, RunData> e : test.getOrDefault(side, new TreeMap<>()).entrySet()) {
          Double x = e.getValue().number(m.path());
          if (x != null) v.put(e.getKey(), x);
        }
        values.put(side, v);
      }
      rows.add(new ComparisonRow(m.test(), m.name(), values, m.target()));
    }
    return rows;
  }

  /** test → side → repetition → result, for every result file in {@code dir}. */
  private static Map<String, Map<String, SortedMap<Integer, RunData>>> load(Path dir) throws IOException {
    Map<String, Map<String, SortedMap<Integer, RunData>>> out = new HashMap<>();
    if (!Files.isDirectory(dir)) return out;
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.sorted().toList();
    }
    for (Path file : files) {
      String name = file.getFileName().toString();
      String test;
      String side;
      int rep;
      Matcher m = RESULT.matcher(name);
      if (m.matches() && SIDES.contains(m.group(2))) {
        test = m.group(1);
        side = m.group(2);
        rep = Integer.parseInt(m.group(3));
      } else if (name.endsWith("-baseline.json") || name.endsWith("-router.json")) {
        // A run from before the Netty baseline and repetitions: one pekko-http baseline, one router run.
        int dash = name.lastIndexOf('-');
        test = name.substring(0, dash);
        side = name.endsWith("-baseline.json") ? "pekko" : "router";
        rep = 1;
      } else {
        continue;
      }
      if (METRICS.stream().noneMatch(x -> x.test().equals(test))) continue;
      out.computeIfAbsent(test, k -> new HashMap<>()).computeIfAbsent(side, k -> new TreeMap<>())
          .put(rep, new RunData(JsonReader.parseObject(Files.readString(file))));
    }
    return out;
  }

  /** The rows as a text table, each column as wide as its widest cell: medians ± spread over the repetitions. */
  public static String table(List<ComparisonRow> rows) {
    List<String[]> cells = new ArrayList<>();
    cells.add(new String[] {"figure", "pekko-http", "netty", "router", "router÷pekko", "router÷netty", "target",
        "verdict (each ✓/✗ one repetition)"});
    for (ComparisonRow row : rows) {
      cells.add(new String[] {row.metric(), figure(row.figure("pekko")), figure(row.figure("netty")),
          figure(row.figure("router")), ratio(row, "pekko"), ratio(row, "netty"), row.target().text(), row.verdictText()});
    }
    int[] width = new int[cells.get(0).length];
    for (String[] line : cells) {
      for (int i = 0; i < line.length; i++) width[i] = Math.max(width[i], line[i].length());
    }
    StringBuilder out = new StringBuilder();
    for (String[] line : cells) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < line.length; i++) {
        // Figure and target columns left-aligned, numbers right-aligned; the last column is not padded.
        boolean left = i == 0 || i >= line.length - 2;
        String cell = i == line.length - 1 ? line[i]
            : String.format(Locale.ROOT, "%" + (left ? "-" : "") + width[i] + "s", line[i]);
        text.append(i == 0 ? "" : "  ").append(cell);
      }
      out.append(text.toString().stripTrailing()).append('\n');
    }
    out.append("Figures: median over the repetitions ± the largest deviation from it (% of the median); ratios pair "
        + "each repetition's router run with the baseline run beside it; \"(wide)\": spread beyond ±"
        + (int) Spread.WIDE_PERCENT + " %.\n");
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
    body.append("<table><tr><th>figure</th><th>pekko-http</th><th>netty</th><th>router</th>"
        + "<th>router ÷ pekko-http</th><th>router ÷ netty</th><th>target</th><th>verdict</th></tr>\n");
    for (ComparisonRow row : rows) {
      String css = switch (row.verdict()) {
        case "PASS" -> "pass";
        case "SHORT" -> "short";
        case "pending" -> "pending";
        default -> "";
      };
      body.append("<tr><td>").append(Html.escape(row.metric())).append("</td>");
      for (String side : SIDES) body.append("<td>").append(Html.escape(figure(row.figure(side)))).append("</td>");
      for (String side : List.of("pekko", "netty")) {
        body.append("<td>").append(Html.escape(ratio(row, side))).append("</td>");
      }
      body.append("<td>").append(Html.escape(row.target().text())).append("</td><td class=\"").append(css)
          .append("\">").append(Html.escape(row.verdictText())).append("</td></tr>\n");
    }
    body.append("</table>\n<p>Median over the repetitions ± the largest deviation from it; \"(wide)\": beyond ±")
        .append((int) Spread.WIDE_PERCENT).append(" %. Charts: each side's median repetition.</p>\n");
    Map<String, Map<String, SortedMap<Integer, RunData>>> results = load(dir);
    for (String test : List.of("max", "half", "closed", "connect", "push")) {
      Map<String, SortedMap<Integer, RunData>> bySide = results.get(test);
      if (bySide == null) continue;
      String path = METRICS.stream().filter(m -> m.test().equals(test)).findFirst().orElseThrow().path();
      List<RunData> runs = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (String side : SIDES) {
        SortedMap<Integer, RunData> reps = bySide.get(side);
        if (reps == null || reps.isEmpty()) continue;
        Map.Entry<Integer, RunData> median = medianRun(reps, path);
        runs.add(median.getValue());
        names.add(SIDE_NAMES.get(side) + (reps.size() > 1 ? " (rep " + median.getKey() + ")" : ""));
      }
      if (runs.isEmpty()) continue;
      body.append("<h2>").append(test).append("</h2>\n");
      body.append(HtmlReport.charts(runs, names));
    }
    body.append(appendix);
    return Html.page("Router vs baselines", body.toString());
  }

  /** The repetition whose figure at {@code path} is the median (the lower middle one for an even count). */
  private static Map.Entry<Integer, RunData> medianRun(SortedMap<Integer, RunData> reps, String path) {
    List<Map.Entry<Integer, RunData>> sorted = new ArrayList<>(reps.entrySet());
    sorted.sort(Comparator.comparingDouble(e -> {
      Double v = e.getValue().number(path);
      return v == null ? 0 : v;
    }));
    return sorted.get((sorted.size() - 1) / 2);
  }

  private static String figure(Spread s) {
    if (s == null) return "-";
    return s.text(Math.abs(s.median()) >= 100 ? 0 : 3);
  }

  /** Router ÷ {@code baseline}: median ± spread, and "(k of n)" when only k repetitions had both a nonzero baseline
   * and a router figure. */
  private static String ratio(ComparisonRow row, String baseline) {
    Spread s = row.ratio(baseline);
    if (s == null) return "-";
    int reps = 0;
    for (String side : SIDES) {
      Spread f = row.figure(side);
      if (f != null) reps = Math.max(reps, f.values().size());
    }
    return s.text(2) + (s.values().size() < reps ? " (" + s.values().size() + " of " + reps + ")" : "");
  }

}
