package dev.hyper.runtime.space;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MixTest {
  @Test
  void unmix64InvertsMix64() {
    SplittableRandom random = new SplittableRandom(1);
    for (long z : new long[] {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, Mix.GOLDEN}) {
      assertEquals(z, Mix.unmix64(Mix.mix64(z)));
    }
    for (int n = 0; n < 100_000; n++) {
      long z = random.nextLong();
      assertEquals(z, Mix.unmix64(Mix.mix64(z)));
      assertEquals(z, Mix.mix64(Mix.unmix64(z)));
    }
  }

  @Test
  void indexOfInvertsHashForEverySeedAndStream() {
    SplittableRandom random = new SplittableRandom(2);
    for (int n = 0; n < 100_000; n++) {
      long seed = random.nextLong();
      long index = n < 50_000 ? n : random.nextLong();
      int stream = random.nextInt(-1, 1 << 21);
      assertEquals(index, Mix.indexOf(seed, Mix.hash(seed, index, stream), stream));
    }
  }
}
