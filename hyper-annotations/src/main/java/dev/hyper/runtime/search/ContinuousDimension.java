package dev.hyper.runtime.search;

import dev.hyper.runtime.Distribution;

/** A parameter sampled from a distribution, modelled on its value, or on its logarithm when log-uniform. */
final class ContinuousDimension implements Dimension {
  private final int param;
  private final Distribution distribution;
  private final boolean log;

  ContinuousDimension(int param, Distribution distribution) {
    this.param = param;
    this.distribution = distribution;
    this.log = distribution.kind() == Distribution.Kind.LOG_UNIFORM;
  }

  @Override
  public double coordinate(Object[] values) {
    double v = (Double) values[param];
    return distribution.contains(v) ? scale(v) : Double.NaN;
  }

  @Override
  public void write(double coordinate, Object[] values) {
    double v = log ? StrictMath.exp(coordinate) : coordinate;
    values[param] = v < distribution.min() ? distribution.min()
        : v >= distribution.max() ? Math.nextDown(distribution.max()) : v;
  }

  @Override
  public Kernels kernels(double[] centres, int dimensions) {
    return new NormalKernels(scale(distribution.min()), scale(distribution.max()), false, centres, dimensions);
  }

  private double scale(double v) {
    return log ? StrictMath.log(v) : v;
  }
}
