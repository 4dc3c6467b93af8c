package router.loadtest.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Line charts as inline SVG, so an HTML report needs nothing from the network. The percentile
 * axis is the HdrHistogram convention: x = log10(1 / (1 − p)), ticks at 90 %, 99 %, 99.9 % ...
 */
public final class SvgChart {

  private static final int WIDTH = 760;
  private static final int HEIGHT = 320;
  private static final int LEFT = 70;
  private static final int RIGHT = 20;
  private static final int TOP = 30;
  private static final int BOTTOM = 50;
  private static final int Y_TICKS = 5;
  /** Percentile-axis ticks: 0 %, 90 %, 99 %, ..., 99.9999 %. */
  private static final int PERCENTILE_NINES = 6;

  private SvgChart() {}

  /** A chart of latency (ms) by percentile (0..100) for each series. */
  public static String percentiles(String title, List<Series> series) {
    List<Series> mapped = new ArrayList<>();
    for (Series s : series) {
      List<double[]> pts = new ArrayList<>();
      for (double[] p : s.points()) pts.add(new double[] {percentileX(p[0]), p[1]});
      mapped.add(new Series(s.name(), s.color(), pts));
    }
    double maxX = 0;
    for (Series s : mapped) for (double[] p : s.points()) maxX = Math.max(maxX, p[0]);
    int nines = Math.max(2, Math.min(PERCENTILE_NINES, (int) Math.ceil(maxX)));
    List<double[]> xTicks = new ArrayList<>();
    List<String> xLabels = new ArrayList<>();
    for (int n = 0; n <= nines; n++) {
      xTicks.add(new double[] {n});
      xLabels.add(n == 0 ? "0%" : String.format(Locale.ROOT, "%." + Math.max(0, n - 2) + "f%%", 100 - 100 / Math.pow(10, n)));
    }
    return render(title, "percentile", "latency (ms)", mapped, 0, nines, xTicks, xLabels);
  }

  /** A chart of y over x (e.g. throughput over time) for each series. */
  public static String lines(String title, String xLabel, String yLabel, List<Series> series) {
    double maxX = 0;
    for (Series s : series) for (double[] p : s.points()) maxX = Math.max(maxX, p[0]);
    if (maxX <= 0) maxX = 1;
    double step = niceStep(maxX / 8);
    List<double[]> xTicks = new ArrayList<>();
    List<String> xLabels = new ArrayList<>();
    for (double x = 0; x <= maxX + 1e-9; x += step) {
      xTicks.add(new double[] {x});
      xLabels.add(number(x));
    }
    return render(title, xLabel, yLabel, series, 0, Math.max(maxX, step), xTicks, xLabels);
  }

  static double percentileX(double percentile) {
    double p = Math.min(percentile, 99.99999) / 100.0;
    return Math.log10(1 / (1 - p));
  }

  private static String render(String title, String xLabel, String yLabel, List<Series> series,
      double minX, double maxX, List<double[]> xTicks, List<String> xLabels) {
    double maxY = 0;
    for (Series s : series) for (double[] p : s.points()) maxY = Math.max(maxY, p[1]);
    double yStep = niceStep(maxY <= 0 ? 1 : maxY / Y_TICKS);
    double topY = yStep * Math.ceil((maxY <= 0 ? 1 : maxY) / yStep);
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">",
        WIDTH, HEIGHT, WIDTH, HEIGHT));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"14\" font-weight=\"bold\">%s</text>",
        LEFT, Html.escape(title)));
    svg.append(String.format(Locale.ROOT,
        "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>", LEFT, TOP, plotW, plotH));
    for (double y = 0; y <= topY + 1e-9; y += yStep) {
      double py = TOP + plotH - y / topY * plotH;
      svg.append(String.format(Locale.ROOT,
          "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/><text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
          LEFT, LEFT + plotW, py, py, LEFT - 6, py + 4, number(y)));
    }
    for (int i = 0; i < xTicks.size(); i++) {
      double px = LEFT + (xTicks.get(i)[0] - minX) / (maxX - minX) * plotW;
      svg.append(String.format(Locale.ROOT,
          "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#eee\"/><text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
          px, px, TOP, TOP + plotH, px, TOP + plotH + 16, Html.escape(xLabels.get(i))));
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>",
        LEFT + plotW / 2, HEIGHT - 8, Html.escape(xLabel)));
    svg.append(String.format(Locale.ROOT,
        "<text x=\"14\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 14 %d)\">%s</text>",
        TOP + plotH / 2, TOP + plotH / 2, Html.escape(yLabel)));
    int legendX = LEFT + 10;
    for (Series s : series) {
      StringBuilder path = new StringBuilder();
      for (double[] p : s.points()) {
        double px = LEFT + (p[0] - minX) / (maxX - minX) * plotW;
        double py = TOP + plotH - p[1] / topY * plotH;
        path.append(path.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", px, py));
      }
      if (path.length() > 0) {
        svg.append(String.format(Locale.ROOT,
            "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.8\"/>", path, s.color()));
      }
      svg.append(String.format(Locale.ROOT,
          "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"3\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>",
          legendX, TOP + 12, s.color(), legendX + 16, TOP + 16, Html.escape(s.name())));
      legendX += 24 + 7 * s.name().length();
    }
    svg.append("</svg>");
    return svg.toString();
  }

  /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
  static double niceStep(double raw) {
    double pow = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / pow;
    double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
    return nice * pow;
  }

  private static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e12) return Long.toString((long) v);
    return String.format(Locale.ROOT, "%.3g", v);
  }
}
