package dev.hyper.runtime.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class PermutationTest {
  @Test
  void isABijectionWithItsInverseForManySizes() {
    for (long size : new long[] {1, 2, 3, 5, 7, 16, 17, 72, 100, 1000, 4097}) {
      Permutation p = new Permutation(size, 42);
      BitSet seen = new BitSet();
      for (long x = 0; x < size; x++) {
        long y = p.apply(x);
        assertTrue(y >= 0 && y < size);
        assertTrue(!seen.get((int) y), "twice: " + y);
        seen.set((int) y);
        assertEquals(x, p.inverse(y));
      }
    }
  }

  @Test
  void worksNearTheLargestSize() {
    Permutation p = new Permutation(Permutation.MAX_SIZE, 1);
    for (long x : new long[] {0, 1, Permutation.MAX_SIZE - 1, 123456789012345L}) {
      assertEquals(x, p.inverse(p.apply(x)));
    }
  }

  @Test
  void dependsOnTheKey() {
    List<Long> a = new ArrayList<>();
    List<Long> b = new ArrayList<>();
    for (long x = 0; x < 20; x++) {
      a.add(new Permutation(1000, 1).apply(x));
      b.add(new Permutation(1000, 2).apply(x));
    }
    assertNotEquals(a, b);
  }
}
