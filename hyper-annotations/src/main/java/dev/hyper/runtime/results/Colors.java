package dev.hyper.runtime.results;

import java.util.Locale;

/** The page's colour scale: viridis (dark purple for the worst, yellow for the best), readable in grey too. */
final class Colors {
  private static final int[][] STOPS = {
      {68, 1, 84}, {72, 40, 120}, {62, 74, 137}, {49, 104, 142}, {38, 130, 142}, {31, 158, 137}, {53, 183, 121},
      {109, 205, 89}, {180, 222, 44}, {253, 231, 37}};

  private Colors() {}

  /** The colour at {@code t} in [0, 1] (0 worst, 1 best), as {@code #rrggbb}. */
  static String at(double t) {
    double x = Math.max(0, Math.min(1, Double.isNaN(t) ? 0 : t)) * (STOPS.length - 1);
    int i = (int) Math.min(STOPS.length - 2, Math.floor(x));
    double f = x - i;
    int[] a = STOPS[i];
    int[] b = STOPS[i + 1];
    return String.format(Locale.ROOT, "#%02x%02x%02x", mix(a[0], b[0], f), mix(a[1], b[1], f), mix(a[2], b[2], f));
  }

  private static int mix(int a, int b, double f) {
    return (int) Math.round(a + (b - a) * f);
  }
}
