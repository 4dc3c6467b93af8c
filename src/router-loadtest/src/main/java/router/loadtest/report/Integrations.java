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
 * The integrations figures of one run, all measured on the router in the same run: each proxy
 * integration's closed-loop saturation ÷ MOCK's ({@code integrations-closed-<kind>.json}), and the
 * latency the router adds over calling the backend directly at the same open-loop rate
 * ({@code integrations-latency-<kind>-router.json} minus {@code integrations-latency-<kind>-direct.json}).
 * Kinds: {@code mock}, {@code http} (HTTP_PROXY), {@code lambda} (AWS_PROXY).
 */
public final class Integrations {

  /** Throughput of a proxy integration at least this fraction of MOCK's, in the same run. */
  public static final double MIN_RATIO_TO_MOCK = 0.5;

  /** A proxy integration: its file name part and its API Gateway name. */
  private record Kind(String id, String name) {}

  private static final List<Kind> PROXIES = List.of(new Kind("http", "HTTP_PROXY"), new Kind("lambda", "AWS_PROXY"));
  private static final List<String> PERCENTILES = List.of("p50", "p99");

  /**
   * One figure: {@code value} against {@code reference}; {@code added} rows show value − reference
   * (latency the router adds), the others value ÷ reference, checked against {@code minRatio}
   * when it is not null. A missing side is null: the figure is pending.
   */
  public record Row(String metric, Double reference, Double value, boolean added, Double minRatio) {

    /** value ÷ reference, value − reference for an added row, or null when a side is missing. */
    public Double derived() {
      if (reference == null || value == null) return null;
      if (added) return value - reference;
      return reference == 0 ? null : value / reference;
    }

    /** "PASS", "SHORT", "pending" (a side missing) or "" (no target, or a figure without reference). */
    public String verdict() {
      if (value == null) return "pending";
      if (reference == null) return added || minRatio != null ? "pending" : "";
      if (minRatio == null) return "";
      Double ratio = derived();
      return ratio != null && ratio >= minRatio ? "PASS" : "SHORT";
    }

    /** The target's wording, "" when none. */
    public String target() {
      return minRatio == null ? "" : "≥ " + minRatio + "× MOCK";
    }

    /** The row as a JSON-ready map. */
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("metric", metric);
      m.put("reference", reference);
      m.put("value", value);
      m.put(added ? "added" : "ratio", derived());
      m.put("target", target());
      m.put("verdict", verdict());
      return m;
    }
  }

  private Integrations() {}

  /** The rows for the results in {@code dir}; none when the run has no integrations test. */
  public static List<Row> rows(Path dir) throws IOException {
    RunData mock = load(dir, "integrations-closed-mock");
    if (mock == null) return List.of();
    List<Row> rows = new ArrayList<>();
    rows.add(new Row("closed-loop saturation, MOCK (msg/s)", null, mock.number("throughput"), false, null));
    for (Kind k : PROXIES) {
      RunData closed = load(dir, "integrations-closed-" + k.id());
      rows.add(new Row("closed-loop saturation, " + k.name() + " (msg/s)", mock.number("throughput"),
          number(closed, "throughput"), false, MIN_RATIO_TO_MOCK));
    }
    rows.add(new Row("router CPU per message at saturation, MOCK (µs)", null,
        mock.number("targetCpuMicrosPerMessage"), false, null));
    for (Kind k : PROXIES) {
      RunData closed = load(dir, "integrations-closed-" + k.id());
      rows.add(new Row("router CPU per message at saturation, " + k.name() + " (µs)",
          mock.number("targetCpuMicrosPerMessage"), number(closed, "targetCpuMicrosPerMessage"), false, null));
    }
    for (Kind k : PROXIES) {
      RunData direct = load(dir, "integrations-latency-" + k.id() + "-direct");
      RunData router = load(dir, "integrations-latency-" + k.id() + "-router");
      rows.addAll(addedLatency(k.name(), direct, router));
    }
    return rows;
  }

  /**
   * The latency the router adds over calling the backend directly, at p50 and p99: router ({@code
   * router}, through a route of integration {@code name}) minus direct ({@code direct}), in ms;
   * either may be null (pending).
   */
  public static List<Row> addedLatency(String name, RunData direct, RunData router) {
    Double rate = number(router != null ? router : direct, "rate");
    String at = rate == null ? "" : String.format(Locale.ROOT, " at %,.0f msg/s", rate);
    List<Row> rows = new ArrayList<>();
    for (String p : PERCENTILES) {
      rows.add(new Row(p + " added by the router, " + name + at + " (ms)", number(direct, "latencyMs." + p),
          number(router, "latencyMs." + p), true, null));
    }
    return rows;
  }

  private static Double number(RunData data, String path) {
    return data == null ? null : data.number(path);
  }

  private static RunData load(Path dir, String name) throws IOException {
    Path file = dir.resolve(name + ".json");
    if (!Files.exists(file)) return null;
    return new RunData(JsonReader.parseObject(Files.readString(file)));
  }

  /** The rows as a fixed-width text table. */
  public static String table(List<Row> rows) {
    StringBuilder out = new StringBuilder();
    String format = "%-52s %12s %12s %10s  %-14s %s%n";
    out.append(String.format(Locale.ROOT, format, "integrations (router, same run)", "reference", "figure",
        "÷ or +", "target", "verdict"));
    for (Row row : rows) {
      Double d = row.derived();
      String derived = d == null ? "-"
          : row.added() ? String.format(Locale.ROOT, "%+.3f", d) : String.format(Locale.ROOT, "%.2f", d);
      out.append(String.format(Locale.ROOT, format, row.metric(), figure(row.reference()), figure(row.value()),
          derived, row.target(), row.verdict()));
    }
    return out.toString();
  }

  /** The rows as an HTML section, then the closed-loop runs overlaid and each direct/router pair overlaid. */
  public static String html(Path dir, List<Row> rows) throws IOException {
    if (rows.isEmpty()) return "";
    StringBuilder out = new StringBuilder("<h2>integrations (router, same run)</h2>\n<table><tr><th>figure</th>"
        + "<th>reference</th><th>figure</th><th>÷ or +</th><th>target</th><th>verdict</th></tr>\n");
    for (Row row : rows) {
      Double d = row.derived();
      String derived = d == null ? "-"
          : row.added() ? String.format(Locale.ROOT, "%+.3f", d) : String.format(Locale.ROOT, "%.2f", d);
      out.append("<tr><td>").append(Html.escape(row.metric())).append("</td><td>").append(figure(row.reference()))
          .append("</td><td>").append(figure(row.value())).append("</td><td>").append(derived).append("</td><td>")
          .append(Html.escape(row.target())).append("</td><td class=\"")
          .append(row.verdict().toLowerCase(Locale.ROOT)).append("\">").append(row.verdict()).append("</td></tr>\n");
    }
    out.append("</table>\n");
    overlay(out, dir, "closed loop: MOCK, HTTP_PROXY, AWS_PROXY", List.of("mock", "http", "lambda"),
        "integrations-closed-%s");
    for (Kind k : PROXIES) {
      overlay(out, dir, k.name() + ": backend directly and through the router", List.of("direct", "router"),
          "integrations-latency-" + k.id() + "-%s");
    }
    return out.toString();
  }

  private static void overlay(StringBuilder out, Path dir, String title, List<String> names, String pattern)
      throws IOException {
    List<RunData> runs = new ArrayList<>();
    List<String> present = new ArrayList<>();
    for (String name : names) {
      RunData d = load(dir, String.format(Locale.ROOT, pattern, name));
      if (d != null) {
        runs.add(d);
        present.add(name);
      }
    }
    if (runs.isEmpty()) return;
    out.append("<h3>").append(Html.escape(title)).append("</h3>\n").append(HtmlReport.charts(runs, present));
  }

  /** The rows as a JSON-ready map. */
  public static Map<String, Object> toMap(List<Row> rows) {
    List<Object> list = new ArrayList<>();
    for (Row r : rows) list.add(r.toMap());
    return Map.of("rows", list);
  }

  private static String figure(Double v) {
    if (v == null) return "-";
    if (Math.abs(v) >= 100) return String.format(Locale.ROOT, "%.0f", v);
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
