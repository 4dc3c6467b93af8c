package router.loadtest.report;

import java.util.function.BiPredicate;

/** A goal of issue 3 for one figure: its wording and the check on (baseline, router). */
public record Target(String text, BiPredicate<Double, Double> check) {

  /** No goal: the figure is reported only. */
  public static final Target NONE = new Target("", null);

  /** Router ÷ baseline at least {@code ratio}. */
  public static Target ratioAtLeast(double ratio) {
    return new Target("≥ " + ratio + "× baseline", (b, r) -> r / b >= ratio);
  }

  /** Router ÷ baseline at most {@code ratio}. */
  public static Target ratioAtMost(double ratio) {
    return new Target("≤ " + ratio + "× baseline", (b, r) -> r / b <= ratio);
  }

  /** Router at most baseline + {@code delta}. */
  public static Target atMostPlus(double delta, String unit) {
    return new Target("≤ baseline + " + delta + " " + unit, (b, r) -> r <= b + delta);
  }

  /** Router at least {@code value}, whatever the baseline. */
  public static Target absoluteAtLeast(double value, String unit) {
    return new Target("≥ " + (long) value + " " + unit, (b, r) -> r >= value);
  }
}
