package dev.hyper.runtime;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The values of {@code @Axis(range = @Range(...))} and {@code @Axis(logRange = @LogRange(...))}. The
 * processor checks them at compile time with these very methods, and generated grids call them.
 *
 * <p>Values are computed in decimal from the bounds as written, so a range reads as it would by hand:
 * {@code linearStep(0, 1, 0.1)} gives {@code 0.3}, not {@code 0.30000000000000004}, and
 * {@code logCount(1e-5, 1e-2, 4)} gives exactly {@code 1.0E-5, 1.0E-4, 0.001, 0.01}.
 */
public final class Spans {
  /** The most values one range may produce. */
  public static final int MAX_VALUES = 100_000;

  private static final double TOLERANCE = 1e-9;

  private Spans() {}

  /**
   * {@code from, from + step, ...} up to {@code to}, included when it falls on the grid (within 1e-9 steps).
   *
   * @throws IllegalArgumentException unless from &lt; to, step &gt; 0, all finite, and at most {@link #MAX_VALUES} values
   */
  public static double[] linearStep(double from, double to, double step) {
    checkBounds(from, to);
    if (!(step > 0) || !Double.isFinite(step)) {
      throw new IllegalArgumentException("step " + step + " must be positive");
    }
    BigDecimal f = BigDecimal.valueOf(from);
    BigDecimal s = BigDecimal.valueOf(step);
    BigDecimal steps = BigDecimal.valueOf(to).subtract(f).divide(s, MathContext.DECIMAL128);
    BigDecimal whole = steps.add(BigDecimal.valueOf(TOLERANCE)).setScale(0, RoundingMode.FLOOR);
    if (whole.compareTo(BigDecimal.valueOf(MAX_VALUES - 1)) > 0) {
      throw new IllegalArgumentException("gives more than " + MAX_VALUES + " values");
    }
    int n = whole.intValueExact() + 1;
    double[] out = new double[n];
    for (int k = 0; k < n; k++) {
      out[k] = f.add(s.multiply(BigDecimal.valueOf(k))).doubleValue();
    }
    return out;
  }

  /**
   * {@code count} evenly spaced values from {@code from} to {@code to}, both included ({@code count = 1}: just {@code from}).
   *
   * @throws IllegalArgumentException unless from &lt; to, both finite, 1 &lt;= count &lt;= {@link #MAX_VALUES}
   */
  public static double[] linearCount(double from, double to, int count) {
    checkBounds(from, to);
    checkCount(count);
    BigDecimal f = BigDecimal.valueOf(from);
    BigDecimal width = BigDecimal.valueOf(to).subtract(f);
    double[] out = new double[count];
    for (int k = 0; k < count; k++) {
      out[k] = k == count - 1 && count > 1 ? to
          : f.add(width.multiply(BigDecimal.valueOf(k)).divide(BigDecimal.valueOf(Math.max(1, count - 1)),
              MathContext.DECIMAL64)).doubleValue();
    }
    return out;
  }

  /**
   * {@code count} log-spaced values from {@code from} to {@code to}, both included: equal ratios between
   * neighbours. Values a whole number of decades from {@code from} are exact ({@code 1e-4}, not
   * {@code 1.0000000000000002E-4}); the others are rounded to 15 significant digits.
   *
   * @throws IllegalArgumentException unless 0 &lt; from &lt; to, both finite, 1 &lt;= count &lt;= {@link #MAX_VALUES}
   */
  public static double[] logCount(double from, double to, int count) {
    checkBounds(from, to);
    if (!(from > 0)) {
      throw new IllegalArgumentException("from " + plain(from) + " must be positive for a log range");
    }
    checkCount(count);
    double decades = Math.log10(to / from) / Math.max(1, count - 1);
    BigDecimal f = BigDecimal.valueOf(from);
    double[] out = new double[count];
    for (int k = 0; k < count; k++) {
      double t = k * decades;
      long whole = Math.round(t);
      if (k == count - 1 && count > 1) {
        out[k] = to;
      } else if (Math.abs(t - whole) < TOLERANCE) {
        out[k] = f.scaleByPowerOfTen((int) whole).doubleValue();
      } else {
        out[k] = new BigDecimal(from * Math.pow(10, t)).round(new MathContext(15)).doubleValue();
      }
    }
    return out;
  }

  /** The values as ints. @throws IllegalArgumentException naming the first that is not an int */
  public static int[] toInts(double[] values) {
    int[] out = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      if (values[i] != Math.rint(values[i]) || values[i] < Integer.MIN_VALUE || values[i] > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(plain(values[i]) + ", which is not an int");
      }
      out[i] = (int) values[i];
    }
    return out;
  }

  /** The values as longs. @throws IllegalArgumentException naming the first that is not a long within +-2^53 */
  public static long[] toLongs(double[] values) {
    long[] out = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      if (values[i] != Math.rint(values[i]) || Math.abs(values[i]) > 0x1p53) {
        throw new IllegalArgumentException(plain(values[i]) + ", which is not a whole number within +-2^53");
      }
      out[i] = (long) values[i];
    }
    return out;
  }

  /** A double as written in Java, without a useless {@code .0}: {@code 3}, {@code 0.5}, {@code 1.0E-5}. */
  public static String plain(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  private static void checkBounds(double from, double to) {
    if (!Double.isFinite(from) || !Double.isFinite(to)) {
      throw new IllegalArgumentException("bounds must be finite");
    }
    if (!(from < to)) {
      throw new IllegalArgumentException("from " + plain(from) + " must be less than to " + plain(to));
    }
  }

  private static void checkCount(int count) {
    if (count < 1 || count > MAX_VALUES) {
      throw new IllegalArgumentException("count " + count + " must be in [1, " + MAX_VALUES + "]");
    }
  }
}
