package dev.hyper.runtime.search;

/**
 * One modelled axis of a sweep's space, a parameter or a group of paired ones, with a coordinate for each
 * point: a value of a continuous distribution (its logarithm for a log-uniform one), the rank of a number in
 * a value list, or the index of a choice.
 */
interface Dimension {
  /** The coordinate of the point whose parameter values are {@code values}, or NaN if the axis lacks its value. */
  double coordinate(Object[] values);

  /** Puts the parameter value(s) at {@code coordinate} (as {@link Kernels#sample} draws it) into {@code values}. */
  void write(double coordinate, Object[] values);

  /**
   * The kernels of an estimator over observations at {@code centres} (NaN: not in the space), in a model of
   * {@code dimensions} dimensions.
   */
  Kernels kernels(double[] centres, int dimensions);
}
