package dev.hyper.runtime;

/**
 * How a sweep's points are drawn from its parameters: every combination ({@link #grid()}), or
 * {@code samples} points drawn with {@code seed} ({@link #random(long, long)}). Either way a
 * {@link Grid} numbers its points 0..size-1 and computes each one alone.
 */
public final class Strategy {
  private static final Strategy GRID = new Strategy(0, 0);

  private final long samples;
  private final long seed;

  private Strategy(long samples, long seed) {
    this.samples = samples;
    this.seed = seed;
  }

  /** Every combination of the parameters' values; paired ({@link Param#inGroup grouped}) ones zip. */
  public static Strategy grid() {
    return GRID;
  }

  /**
   * Random search: {@code samples} points, the same for the same seed on any machine.
   *
   * @throws IllegalArgumentException if samples &lt; 1
   */
  public static Strategy random(long samples, long seed) {
    if (samples < 1) {
      throw new IllegalArgumentException("samples must be >= 1, was " + samples);
    }
    return new Strategy(samples, seed);
  }

  public boolean isRandom() {
    return samples > 0;
  }

  /** The number of points asked for; 0 for a grid. */
  public long samples() {
    return samples;
  }

  /** The seed; 0 for a grid. */
  public long seed() {
    return seed;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Strategy s && s.samples == samples && s.seed == seed;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(samples) * 31 + Long.hashCode(seed);
  }

  @Override
  public String toString() {
    return isRandom() ? "random(samples = " + samples + ", seed = " + seed + ")" : "grid";
  }
}
