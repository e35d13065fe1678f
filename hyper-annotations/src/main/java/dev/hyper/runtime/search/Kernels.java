package dev.hyper.runtime.search;

/**
 * The kernels of one estimator on one dimension: kernel 0 is the prior (the whole dimension), kernel
 * {@code j >= 1} is centred on the estimator's observation {@code j - 1}, or is the prior again when that
 * observation's value is not in the space.
 */
interface Kernels {
  /** A coordinate drawn from kernel {@code kernel}. */
  double sample(int kernel, Draws draws);

  /** ln of kernel {@code kernel}'s density (or, on a discrete dimension, probability) at {@code x}. */
  double logDensity(int kernel, double x);
}
