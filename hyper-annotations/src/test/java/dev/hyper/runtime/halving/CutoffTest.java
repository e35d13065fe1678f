package dev.hyper.runtime.halving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hyper.Goal;
import dev.hyper.runtime.HalvingSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ray Tune's cut-off: numpy's linear percentile of the others, at 1 - 1/reduction (MAX) or 1/reduction (MIN). */
class CutoffTest {
  private static final HalvingSettings MAX = new HalvingSettings("acc", Goal.MAX, "epoch", 1, 27, 3);
  private static final HalvingSettings MIN = new HalvingSettings("loss", Goal.MIN, "epoch", 1, 27, 4);

  private static RungRecord at(String id, double v) {
    return new RungRecord(id, 0, 0, 1, 1, 1, v, "t", "h", 1);
  }

  private static Decision decide(HalvingSettings h, double own, double... others) {
    List<RungRecord> all = new ArrayList<>();
    all.add(at("own", own));
    for (int i = 0; i < others.length; i++) {
      all.add(at("o" + i, others[i]));
    }
    return Cutoff.decide(h, at("own", own), all, "t");
  }

  @Test
  void quantilesAsNumpyComputesThem() {
    // numpy.percentile([1, 2, 3, 4], 66.666...) = 3.0; ([1, 2, 3, 4, 5], 66.666...) = 3.6666...
    assertEquals(3.0, Cutoff.of(MAX, new double[] {4, 1, 3, 2}), 1e-12);
    assertEquals(3.6666666666666665, Cutoff.of(MAX, new double[] {5, 4, 1, 3, 2}), 1e-12);
    // numpy.percentile([1, 2, 3, 4, 5], 25) = 2.0; ([10, 20], 25) = 12.5
    assertEquals(2.0, Cutoff.of(MIN, new double[] {5, 4, 1, 3, 2}), 1e-12);
    assertEquals(12.5, Cutoff.of(MIN, new double[] {20, 10}), 1e-12);
    assertEquals(7.0, Cutoff.of(MAX, new double[] {Double.NaN, 7}), 1e-12);
    assertTrue(Double.isNaN(Cutoff.of(MAX, new double[] {Double.NaN})));
  }

  @Test
  void decisions() {
    assertTrue(decide(MAX, 0.1).goOn());                           // the first at a rung goes on
    assertTrue(Double.isNaN(decide(MAX, 0.1).cutoff()));
    assertTrue(decide(MAX, 3.0, 4, 1, 3, 2).goOn());               // reaching the cut-off is enough
    assertFalse(decide(MAX, 2.9, 4, 1, 3, 2).goOn());
    assertTrue(decide(MIN, 12.5, 20, 10).goOn());
    assertFalse(decide(MIN, 12.6, 20, 10).goOn());
    assertFalse(decide(MAX, Double.NaN).goOn());                   // NaN stops, even the first
    assertTrue(decide(MAX, 0.5, Double.NaN).goOn());               // NaN others are left out
    assertEquals(List.of("o0-0=4.0", "o2-0=3.0", "o1-0=1.0"), decide(MAX, 2, 4, 1, 3).seen());   // best first
    assertEquals(List.of("o1-0=1.0", "o2-0=3.0", "o0-0=4.0"), decide(MIN, 2, 4, 1, 3).seen());
  }

  @Test
  void rungs() {
    assertEquals(List.of(1L, 3L, 9L), MAX.rungs());
    assertEquals(List.of(1L, 4L, 16L), MIN.rungs());
    assertEquals(List.of(2L), new HalvingSettings("a", Goal.MAX, "step", 2, 3, 2).rungs());
    assertEquals(-1, MAX.rungAt(0.5));
    assertEquals(0, MAX.rungAt(1));
    assertEquals(1, MAX.rungAt(8.9));
    assertEquals(2, MAX.rungAt(100));
    assertEquals(63, new HalvingSettings("a", Goal.MAX, "step", 1, Long.MAX_VALUE, 2).rungs().size());
  }
}
