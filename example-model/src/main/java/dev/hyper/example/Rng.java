package dev.hyper.example;

/**
 * The example's random numbers: SplitMix64 with the golden gamma, which is what
 * {@link java.util.SplittableRandom#SplittableRandom(long)} draws (the same sequence, number for number,
 * for {@link #nextDouble()} and {@link #nextInt(int)}), with its state readable so a checkpoint can hold
 * it and a resumed run draws exactly what the uninterrupted one would have.
 */
final class Rng {
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
  private long seed;

  Rng(long seed) {
    this.seed = seed;
  }

  /** The state to save; {@code new Rng(state())} goes on with the same numbers. */
  long state() {
    return seed;
  }

  long nextLong() {
    return mix64(seed += GOLDEN_GAMMA);
  }

  int nextInt() {
    return mix32(seed += GOLDEN_GAMMA);
  }

  /** Uniform in [0, 1): 53 random bits. */
  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [0, bound), by rejection, as SplittableRandom draws it. */
  int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive, was " + bound);
    }
    int r = nextInt();
    int m = bound - 1;
    if ((bound & m) == 0) {
      return r & m;
    }
    for (int u = r >>> 1; u + m - (r = u % bound) < 0; u = nextInt() >>> 1) {
      // rejected: draw again
    }
    return r;
  }

  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  private static int mix32(long z) {
    z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
    return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
  }
}
