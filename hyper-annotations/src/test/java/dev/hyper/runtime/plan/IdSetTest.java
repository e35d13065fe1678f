package dev.hyper.runtime.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdSetTest {
  @Test
  void holdsWhatAHashSetHoldsThroughItsGrowth() {
    IdSet ids = new IdSet();
    Set<String> reference = new HashSet<>();
    Random random = new Random(7);
    for (int i = 0; i < 200_000; i++) {
      String id = String.format("%012x", random.nextLong() & 0xffffL * (i % 3 == 0 ? 1 : 0xffffffffL));
      assertEquals(reference.add(id), ids.add(id), id);
    }
    assertEquals(reference.size(), ids.size());
    assertEquals(reference.add("ffffffffffff"), ids.add("ffffffffffff"), "the largest id");
    assertFalse(ids.add("ffffffffffff"), "once only");
  }
}
