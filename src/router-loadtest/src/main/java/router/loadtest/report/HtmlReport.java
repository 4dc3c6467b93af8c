package router.loadtest.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The self-contained HTML report of one run: key figures, latency by percentile, throughput and latency over time. */
public final class HtmlReport {

  private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd"};

  private HtmlReport() {}

  /** The report page of one run ({@code detailed} = {@code RunResult.detailed()} or its JSON). */
  public static String run(Map<String, Object> detailed) {
    RunData d = new RunData(detailed);
    String title = "router-loadtest: " + d.string("mode") + " — " + d.string("label");
    StringBuilder body = new StringBuilder();
    body.append("<p>Target <code>").append(Html.escape(d.string("url"))).append("</code>. ")
        .append("Latency is measured from each message's scheduled send time (no coordinated omission).</p>\n");
    body.append("<table><tr><th>figure</th><th>value</th></tr>\n");
    for (Map.Entry<String, Object> e : detailed.entrySet()) {
      if (e.getKey().equals("percentiles") || e.getKey().equals("intervals")) continue;
      if (e.getValue() instanceof Map<?, ?> m) {
        for (Map.Entry<?, ?> inner : m.entrySet()) {
          row(body, e.getKey() + "." + inner.getKey(), inner.getValue());
        }
      } else {
        row(body, e.getKey(), e.getValue());
      }
    }
    body.append("</table>\n");
    body.append(charts(List.of(d), List.of(d.string("label"))));
    return Html.page(title, body.toString());
  }

  /** Percentile, throughput and latency-over-time charts overlaying {@code runs}. */
  static String charts(List<RunData> runs, List<String> names) {
    List<Series> latency = new java.util.ArrayList<>();
    List<Series> throughput = new java.util.ArrayList<>();
    List<Series> p99 = new java.util.ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      String color = COLORS[i % COLORS.length];
      RunData r = runs.get(i);
      if (!r.percentiles().isEmpty()) latency.add(new Series(names.get(i), color, r.percentiles()));
      if (!r.series("receivedPerSecond").isEmpty()) {
        throughput.add(new Series(names.get(i), color, r.series("receivedPerSecond")));
        p99.add(new Series(names.get(i) + " p99", color, r.series("p99")));
      }
    }
    StringBuilder out = new StringBuilder();
    String unit = runs.get(0).string("unit");
    if (!latency.isEmpty()) out.append("<div>").append(SvgChart.percentiles("Latency by percentile", latency)).append("</div>\n");
    if (!throughput.isEmpty()) {
      out.append("<div>").append(SvgChart.lines("Throughput over time", "seconds", unit.isEmpty() ? "per second" : unit, throughput)).append("</div>\n");
      out.append("<div>").append(SvgChart.lines("p99 latency per interval", "seconds", "ms", p99)).append("</div>\n");
    }
    return out.toString();
  }

  private static void row(StringBuilder body, String key, Object value) {
    String v = value instanceof Double x ? String.format(Locale.ROOT, "%.3f", x) : String.valueOf(value);
    body.append("<tr><td>").append(Html.escape(key)).append("</td><td>").append(Html.escape(v)).append("</td></tr>\n");
  }
}
