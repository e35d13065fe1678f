package dev.hyper.runtime.search;

import java.util.List;

/**
 * One Parzen estimator: a mixture of a prior kernel (weight {@code priorWeight}) and one kernel per
 * observation (weight 1), each kernel a product over the dimensions, so that a draw keeps the
 * observation's combination of values together (Optuna's multivariate TPE, Falkner et al. 2018).
 */
final class Parzen {
  private final Kernels[] kernels;
  private final int count;
  private final double priorWeight;

  /** @param points the observations' coordinates, one array of one coordinate per dimension each */
  Parzen(List<Dimension> dimensions, List<double[]> points, double priorWeight) {
    this.kernels = new Kernels[dimensions.size()];
    this.count = points.size();
    this.priorWeight = priorWeight;
    for (int d = 0; d < kernels.length; d++) {
      double[] centres = new double[count];
      for (int j = 0; j < count; j++) {
        centres[j] = points.get(j)[d];
      }
      kernels[d] = dimensions.get(d).kernels(centres, kernels.length);
    }
  }

  /** A point drawn from the mixture. */
  double[] sample(Draws draws) {
    double u = draws.unit() * (priorWeight + count);
    int kernel = u < priorWeight ? 0 : Math.min(count, 1 + (int) (u - priorWeight));
    double[] x = new double[kernels.length];
    for (int d = 0; d < x.length; d++) {
      x[d] = kernels[d].sample(kernel, draws);
    }
    return x;
  }

  /** ln of the mixture's density at {@code x}. */
  double logDensity(double[] x) {
    double[] terms = new double[count + 1];
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j <= count; j++) {
      double t = j == 0 ? StrictMath.log(priorWeight) : 0;
      for (int d = 0; d < x.length; d++) {
        t += kernels[d].logDensity(j, x[d]);
      }
      terms[j] = t;
      max = Math.max(max, t);
    }
    double sum = 0;
    for (double t : terms) {
      sum += StrictMath.exp(t - max);
    }
    return max + StrictMath.log(sum) - StrictMath.log(priorWeight + count);
  }
}
