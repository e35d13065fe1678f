package dev.hyper.runtime.search;

/**
 * Gaussian kernels truncated to {@code [low, high]}. Observation kernels share one bandwidth, Scott's rule
 * {@code 0.2 * width * m^(-1/(d+4))} for {@code m} observations in {@code d} dimensions, kept at least
 * {@code width / min(100, m + 2)} (hyperopt's "magic clip") and at most the width; the prior is centred
 * on the middle with the width as its bandwidth. On a discrete dimension (ranks 0..k-1, so low = -0.5 and
 * high = k - 0.5) a draw is rounded to a rank and a rank's probability is its kernel's mass on
 * {@code [rank - 0.5, rank + 0.5]}.
 */
final class NormalKernels implements Kernels {
  /** Draws a kernel may reject before it gives its centre; at most about 1 in 2 is rejected. */
  private static final int MAX_TRIES = 1000;

  private final double low;
  private final double high;
  private final boolean discrete;
  private final double[] mus;
  private final double[] sigmas;
  /** ln of each kernel's mass inside [low, high]. */
  private final double[] logMasses;

  NormalKernels(double low, double high, boolean discrete, double[] centres, int dimensions) {
    this.low = low;
    this.high = high;
    this.discrete = discrete;
    int m = centres.length;
    double width = high - low;
    double scott = 0.2 * width * StrictMath.pow(Math.max(m, 1), -1.0 / (dimensions + 4));
    double sigma = Math.min(width, Math.max(scott, width / Math.min(100, m + 2)));
    mus = new double[m + 1];
    sigmas = new double[m + 1];
    logMasses = new double[m + 1];
    for (int j = 0; j <= m; j++) {
      boolean prior = j == 0 || Double.isNaN(centres[j - 1]);
      mus[j] = prior ? (low + high) / 2 : centres[j - 1];
      sigmas[j] = prior ? width : sigma;
      logMasses[j] = StrictMath.log(Normal.between((low - mus[j]) / sigmas[j], (high - mus[j]) / sigmas[j]));
    }
  }

  @Override
  public double sample(int kernel, Draws draws) {
    double x = mus[kernel];
    for (int i = 0; i < MAX_TRIES; i++) {
      double y = mus[kernel] + sigmas[kernel] * draws.gaussian();
      if (y >= low && y <= high) {
        x = y;
        break;
      }
    }
    return discrete ? Math.max(0, Math.min(Math.round(x), Math.round(high - 0.5))) : x;
  }

  @Override
  public double logDensity(int kernel, double x) {
    double mu = mus[kernel];
    double sigma = sigmas[kernel];
    if (discrete) {
      return StrictMath.log(Normal.between((x - 0.5 - mu) / sigma, (x + 0.5 - mu) / sigma)) - logMasses[kernel];
    }
    return Normal.logPdf((x - mu) / sigma) - StrictMath.log(sigma) - logMasses[kernel];
  }
}
