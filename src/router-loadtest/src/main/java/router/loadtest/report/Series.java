package router.loadtest.report;

import java.util.List;

/** One line of a chart: a name for the legend, a CSS colour and (x, y) points. */
public record Series(String name, String color, List<double[]> points) {}
