package dev.hyper.runtime.space;

/**
 * A seeded pseudo-random permutation of {@code [0, size)} that maps one index at a time, both ways:
 * a 4-round balanced Feistel network over the smallest {@code 2^(2h) >= size}, with cycle walking
 * (apply again while the result is {@code >= size}; the domain is less than {@code 4 * size}, so about
 * two steps on average). The round function is {@link Mix#mix64}. Random search draws its discrete
 * points through it: the first {@code n} images are {@code n} distinct points, each uniformly
 * distributed, and point {@code i} costs O(1) without drawing points {@code 0..i-1}.
 */
public final class Permutation {
  /** Sizes up to 2^62, so the Feistel domain fits 62 bits and a long. */
  public static final long MAX_SIZE = 1L << 62;

  private static final int ROUNDS = 4;

  private final long size;
  private final int half;
  private final long mask;
  private final long[] keys = new long[ROUNDS];

  /**
   * @param size the number of elements, 1 &lt;= size &lt;= {@link #MAX_SIZE}
   * @param key the permutation's key (for random search: derived from the seed)
   */
  public Permutation(long size, long key) {
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException("size " + size + " is not in [1, 2^62]");
    }
    this.size = size;
    int bits = Math.max(2, 64 - Long.numberOfLeadingZeros(size - 1));
    this.half = (bits + 1) / 2;
    this.mask = (1L << half) - 1;
    for (int r = 0; r < ROUNDS; r++) {
      keys[r] = Mix.mix64(key + (r + 1) * Mix.GOLDEN);
    }
  }

  public long size() {
    return size;
  }

  /** The image of {@code x}, 0 &lt;= x &lt; size. */
  public long apply(long x) {
    check(x);
    long y = encrypt(x);
    while (y >= size) {
      y = encrypt(y);
    }
    return y;
  }

  /** The {@code x} with {@code apply(x) == y}, 0 &lt;= y &lt; size. */
  public long inverse(long y) {
    check(y);
    long x = decrypt(y);
    while (x >= size) {
      x = decrypt(x);
    }
    return x;
  }

  private void check(long x) {
    if (x < 0 || x >= size) {
      throw new IndexOutOfBoundsException(x + " out of [0, " + size + ")");
    }
  }

  private long round(int r, long v) {
    return Mix.mix64(keys[r] ^ v) & mask;
  }

  private long encrypt(long x) {
    long left = x >>> half;
    long right = x & mask;
    for (int r = 0; r < ROUNDS; r++) {
      long next = left ^ round(r, right);
      left = right;
      right = next;
    }
    return (left << half) | right;
  }

  private long decrypt(long y) {
    long left = y >>> half;
    long right = y & mask;
    for (int r = ROUNDS - 1; r >= 0; r--) {
      long previous = right ^ round(r, left);
      right = left;
      left = previous;
    }
    return (left << half) | right;
  }
}
