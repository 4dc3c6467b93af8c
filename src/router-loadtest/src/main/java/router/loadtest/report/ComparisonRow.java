package router.loadtest.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One line of the comparison table: one figure of each side ({@link Comparison#SIDES}) per repetition, keyed by
 * repetition number. Ratios and target checks pair the router's repetition k with the baseline's repetition k (the
 * bench interleaves them, so drift hits both alike). A side without any value is pending.
 */
public record ComparisonRow(String test, String metric, Map<String, SortedMap<Integer, Double>> values,
    Target target) {

  /** The first baseline, the one the targets are set against. */
  public static final String BASELINE = "pekko";

  /** Median and spread of {@code side}'s figure over its repetitions, or null if it has none. */
  public Spread figure(String side) {
    SortedMap<Integer, Double> v = values.getOrDefault(side, new TreeMap<>());
    return v.isEmpty() ? null : Spread.of(new ArrayList<>(v.values()));
  }

  /** Router ÷ {@code baseline}, repetition by repetition: median and spread, or null. */
  public Spread ratio(String baseline) {
    List<Double> ratios = new ArrayList<>();
    for (Map.Entry<Integer, double[]> e : pairs(baseline).entrySet()) {
      double b = e.getValue()[0];
      if (b != 0) ratios.add(e.getValue()[1] / b);
    }
    return ratios.isEmpty() ? null : Spread.of(ratios);
  }

  /** Median router ÷ pekko-http baseline, or null. */
  public Double ratio() {
    Spread s = ratio(BASELINE);
    return s == null ? null : s.median();
  }

  /** The target's check of each repetition against {@code baseline} (nonzero), in repetition order (empty without target). */
  public List<Boolean> checks(String baseline) {
    List<Boolean> out = new ArrayList<>();
    if (target.check() == null) return out;
    // A baseline of 0 (a max search that found no rate) checks nothing, as it gives no ratio.
    for (double[] p : pairs(baseline).values()) if (p[0] != 0) out.add(target.check().test(p[0], p[1]));
    return out;
  }

  /** "PASS" or "SHORT" (the majority of repetitions against pekko-http), "pending" (a side missing) or "". */
  public String verdict() {
    return verdict(BASELINE);
  }

  /** The verdict against {@code baseline}: most repetitions pass (ties fail), "pending" or "". */
  public String verdict(String baseline) {
    if (figure(baseline) == null || figure("router") == null) return "pending";
    if (target.check() == null) return "";
    List<Boolean> checks = checks(baseline);
    if (checks.isEmpty()) return "pending";
    long passed = checks.stream().filter(b -> b).count();
    return 2 * passed > checks.size() ? "PASS" : "SHORT";
  }

  /** "PASS ✓✓✗" against pekko-http, then "netty: SHORT ✓✗✗" when Netty ran: each mark one repetition. */
  public String verdictText() {
    String v = verdict();
    if (!v.equals("PASS") && !v.equals("SHORT")) return v;
    StringBuilder out = new StringBuilder(v).append(' ').append(marks(checks(BASELINE)));
    if (figure("netty") != null && !checks("netty").isEmpty()) {
      out.append(" · vs netty: ").append(verdict("netty")).append(' ').append(marks(checks("netty")));
    }
    return out.toString();
  }

  private static String marks(List<Boolean> checks) {
    StringBuilder out = new StringBuilder();
    for (boolean c : checks) out.append(c ? '✓' : '✗');
    return out.toString();
  }

  /** (baseline, router) of each repetition both sides ran. */
  private SortedMap<Integer, double[]> pairs(String baseline) {
    SortedMap<Integer, double[]> out = new TreeMap<>();
    SortedMap<Integer, Double> b = values.getOrDefault(baseline, new TreeMap<>());
    SortedMap<Integer, Double> r = values.getOrDefault("router", new TreeMap<>());
    for (Map.Entry<Integer, Double> e : b.entrySet()) {
      Double rv = r.get(e.getKey());
      if (e.getValue() != null && rv != null) out.put(e.getKey(), new double[] {e.getValue(), rv});
    }
    return out;
  }

  /** The row as a JSON-ready map. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("test", test);
    m.put("metric", metric);
    for (String side : Comparison.SIDES) {
      Spread s = figure(side);
      m.put(side, s == null ? null : s.toMap());
    }
    for (String baseline : List.of("pekko", "netty")) {
      Spread s = ratio(baseline);
      m.put("routerOver" + (baseline.equals("pekko") ? "Pekko" : "Netty"), s == null ? null : s.toMap());
    }
    m.put("target", target.text());
    m.put("checks", checks(BASELINE));
    m.put("checksVsNetty", checks("netty"));
    m.put("verdict", verdict());
    m.put("verdictVsNetty", verdict("netty"));
    return m;
  }
}
