package dev.hyper.runtime.search;

/** The standard normal distribution's density and tail probabilities, accurate to about 1e-7 relative. */
final class Normal {
  private static final double LOG_SQRT_2PI = 0.5 * StrictMath.log(2 * Math.PI);

  private Normal() {}

  /** ln of the standard normal density at {@code z}. */
  static double logPdf(double z) {
    return -0.5 * z * z - LOG_SQRT_2PI;
  }

  /** P(Z &lt;= z). */
  static double cdf(double z) {
    return 0.5 * erfc(-z / Math.sqrt(2));
  }

  /** P(a &lt; Z &lt;= b), a &lt;= b, from the nearer tail so that far intervals keep their digits. */
  static double between(double a, double b) {
    return a > 0 ? cdf(-a) - cdf(-b) : cdf(b) - cdf(a);
  }

  /** The complementary error function: the Chebyshev fit of Numerical Recipes, fractional error &lt; 1.2e-7. */
  static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.5 * z);
    double r = t * StrictMath.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
        + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
        + t * (-0.82215223 + t * 0.17087277)))))))));
    return x >= 0 ? r : 2 - r;
  }
}
