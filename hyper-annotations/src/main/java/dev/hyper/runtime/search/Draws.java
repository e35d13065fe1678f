package dev.hyper.runtime.search;

import dev.hyper.runtime.space.Mix;

/**
 * The estimator's random numbers: the {@code k}-th is {@link Mix#unit}{@code (seed, k, STREAM)}, so a
 * seed gives the same draws on any JVM, apart from the streams random search uses.
 */
final class Draws {
  private static final int STREAM = 1 << 24;

  private final long seed;
  private long count;

  Draws(long seed) {
    this.seed = seed;
  }

  /** A double in [0, 1). */
  double unit() {
    return Mix.unit(seed, count++, STREAM);
  }

  /** A standard normal deviate (Box-Muller, one of the pair). */
  double gaussian() {
    double u = 1 - unit(); // (0, 1]
    return Math.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * Math.PI * unit());
  }
}
