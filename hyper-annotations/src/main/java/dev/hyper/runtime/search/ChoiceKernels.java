package dev.hyper.runtime.search;

/**
 * Kernels over {@code k} unordered choices: the prior is uniform; an observation's kernel gives its choice
 * weight {@code 1 + a} and every choice weight {@code a}, normalised, with {@code a = 1 / (m + 1)} for
 * {@code m} observations, so that the smoothing fades as observations accumulate.
 */
final class ChoiceKernels implements Kernels {
  private final int k;
  private final double[] centres;
  private final double a;

  ChoiceKernels(int k, double[] centres) {
    this.k = k;
    this.centres = centres.clone();
    this.a = 1.0 / (centres.length + 1);
  }

  @Override
  public double sample(int kernel, Draws draws) {
    double c = centre(kernel);
    if (Double.isNaN(c)) {
      return Math.min(k - 1, (int) (draws.unit() * k));
    }
    double u = draws.unit() * (1 + k * a);
    return u < 1 ? c : Math.min(k - 1, (int) ((u - 1) / a));
  }

  @Override
  public double logDensity(int kernel, double x) {
    double c = centre(kernel);
    if (Double.isNaN(c)) {
      return -StrictMath.log(k);
    }
    return StrictMath.log(((x == c ? 1 : 0) + a) / (1 + k * a));
  }

  private double centre(int kernel) {
    return kernel == 0 ? Double.NaN : centres[kernel - 1];
  }
}
