package dev.hyper.runtime.search;

import java.util.List;

/**
 * A numeric value list ({@code @Axis(doubles|ints|longs)}, {@code @Range}, {@code @LogRange}), modelled on
 * the ranks of its distinct values in ascending order: evenly spaced values are modelled on a linear scale,
 * log-spaced ones on a log scale, and a draw is rounded to a value of the list.
 */
final class RankedDimension implements Dimension {
  private final int param;
  private final List<Object> ascending;

  /** @param ascending the parameter's distinct values, ascending, at least two */
  RankedDimension(int param, List<Object> ascending) {
    this.param = param;
    this.ascending = List.copyOf(ascending);
  }

  @Override
  public double coordinate(Object[] values) {
    int rank = ascending.indexOf(values[param]);
    return rank < 0 ? Double.NaN : rank;
  }

  @Override
  public void write(double coordinate, Object[] values) {
    values[param] = ascending.get((int) coordinate);
  }

  @Override
  public Kernels kernels(double[] centres, int dimensions) {
    return new NormalKernels(-0.5, ascending.size() - 0.5, true, centres, dimensions);
  }
}
