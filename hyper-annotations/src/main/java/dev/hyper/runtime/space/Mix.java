package dev.hyper.runtime.space;

/**
 * The counter-based hash behind random search, specified here so that the same seed gives the same
 * points on any JVM: {@link #mix64} is SplitMix64's finalizer (Stafford's variant 13), and
 * {@link #unit(long, long, int)} is the {@code k}-th uniform double of point {@code i}, a pure function
 * of {@code (seed, i, k)}.
 */
public final class Mix {
  /** 2^64 / the golden ratio, odd: SplitMix64's increment. */
  public static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private static final long INVERSE_M1 = inverse(0xBF58476D1CE4E5B9L);
  private static final long INVERSE_M2 = inverse(0x94D049BB133111EBL);
  private static final long INVERSE_GOLDEN = inverse(GOLDEN);

  private Mix() {}

  /** The inverse of odd {@code x} modulo 2^64, by Newton's iteration (each step doubles the correct bits). */
  private static long inverse(long x) {
    long y = x;                                              // correct to 3 bits: x * x == 1 mod 8
    for (int i = 0; i < 5; i++) {
      y *= 2 - x * y;
    }
    return y;
  }

  /** SplitMix64's finalizer: a bijection of {@code long} that mixes every bit into every other. */
  public static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A 64-bit hash of {@code (seed, index, stream)}. */
  public static long hash(long seed, long index, int stream) {
    return mix64(mix64(seed ^ mix64(index * GOLDEN + GOLDEN)) + (stream + 1L) * GOLDEN);
  }

  /** The inverse of {@link #mix64}: {@code unmix64(mix64(z)) == z} for every {@code z}. */
  public static long unmix64(long z) {
    z = z ^ (z >>> 31) ^ (z >>> 62);
    z *= INVERSE_M2;
    z = z ^ (z >>> 27) ^ (z >>> 54);
    z *= INVERSE_M1;
    return z ^ (z >>> 30) ^ (z >>> 60);
  }

  /**
   * The index whose {@link #hash} is {@code hash} for this seed and stream: for fixed {@code (seed, stream)}
   * the hash is a bijection of the index, so {@code indexOf(seed, hash(seed, i, stream), stream) == i}.
   */
  public static long indexOf(long seed, long hash, int stream) {
    long inner = unmix64(hash) - (stream + 1L) * GOLDEN;   // mix64(seed ^ mix64(index * GOLDEN + GOLDEN))
    long spread = unmix64(unmix64(inner) ^ seed);            // index * GOLDEN + GOLDEN
    return (spread - GOLDEN) * INVERSE_GOLDEN;
  }

  /** A double in [0, 1) with 53 random bits: {@code (hash(seed, index, stream) >>> 11) * 2^-53}. */
  public static double unit(long seed, long index, int stream) {
    return (hash(seed, index, stream) >>> 11) * 0x1.0p-53;
  }

  /** A long in [0, bound), bound &gt; 0, without modulo bias (rejection on the top bits, then hash again). */
  public static long below(long seed, long index, int stream, long bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound " + bound);
    }
    long limit = Long.MAX_VALUE - Long.MAX_VALUE % bound; // values >= limit would bias
    for (int attempt = 0; ; attempt++) {
      long r = hash(seed, index, stream + (attempt << 16)) >>> 1;
      if (r < limit) {
        return r % bound;
      }
    }
  }
}
