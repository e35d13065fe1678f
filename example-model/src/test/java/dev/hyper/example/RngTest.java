package dev.hyper.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The example's generator draws exactly what SplittableRandom draws, so results do not change with it. */
class RngTest {
  @Test
  void drawsWhatSplittableRandomDrawsAndGoesOnFromItsState() {
    for (long seed : new long[] {0, 1, -1, 42, Long.MIN_VALUE, 0x5deece66dL, 7_000_000_007L}) {
      SplittableRandom reference = new SplittableRandom(seed);
      Rng rng = new Rng(seed);
      for (int i = 0; i < 20_000; i++) {
        switch (i % 4) {
          case 0 -> assertEquals(reference.nextDouble(), rng.nextDouble(), "seed " + seed + " draw " + i);
          case 1 -> assertEquals(reference.nextInt(i + 1), rng.nextInt(i + 1), "seed " + seed + " draw " + i);
          case 2 -> assertEquals(reference.nextInt(1 << (i % 31)), rng.nextInt(1 << (i % 31)), "seed " + seed);
          default -> assertEquals(reference.nextInt(Integer.MAX_VALUE - i), rng.nextInt(Integer.MAX_VALUE - i));
        }
      }
      Rng resumed = new Rng(rng.state());
      for (int i = 0; i < 100; i++) {
        assertEquals(reference.nextLong(), resumed.nextLong());
      }
    }
  }
}
