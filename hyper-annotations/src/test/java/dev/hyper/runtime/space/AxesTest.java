package dev.hyper.runtime.space;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The axes rule Grid and the processor share. */
class AxesTest {
  private static Axes.Member plain(String name, int values) {
    return new Axes.Member(name, "", false, values);
  }

  private static Axes.Member grouped(String name, String group, int values) {
    return new Axes.Member(name, group, false, values);
  }

  private static Axes.Member sampled(String name) {
    return new Axes.Member(name, "", true, 0);
  }

  @Test
  void aGroupIsOneAxisAtItsFirstMembersPlaceAndSampledParametersAreOnNone() {
    Axes axes = Axes.of(List.of(plain("lr", 3), grouped("dim", "arch", 2), sampled("dropout"),
        plain("seed", 5), grouped("layers", "arch", 2)));
    assertEquals(3, axes.count());
    assertArrayEquals(new int[] {0}, axes.members(0));
    assertArrayEquals(new int[] {1, 4}, axes.members(1));
    assertArrayEquals(new int[] {3}, axes.members(2));
    assertArrayEquals(new int[] {2}, axes.sampled());
    assertEquals(List.of(), axes.mismatches());
    assertEquals(BigInteger.valueOf(30), axes.combinations());
    assertEquals(BigInteger.valueOf(30), axes.points(0));
    assertEquals(BigInteger.valueOf(100), axes.points(100), "sampled parameters make every sample a point");
  }

  @Test
  void randomSearchWithoutSampledParametersHasAtMostTheCombinations() {
    Axes axes = Axes.of(List.of(plain("a", 2), plain("b", 3)));
    assertEquals(BigInteger.valueOf(6), axes.points(100));
    assertEquals(BigInteger.valueOf(4), axes.points(4));
    assertEquals(BigInteger.ONE, Axes.of(List.of()).points(0), "no axes: one point");
  }

  @Test
  void beyondThePermutationsSizeEverySampleIsAPoint() {
    Axes axes = Axes.of(List.of(plain("a", Integer.MAX_VALUE), plain("b", Integer.MAX_VALUE), plain("c", 4)));
    assertEquals(1, axes.combinations().compareTo(BigInteger.valueOf(Permutation.MAX_SIZE)));
    assertEquals(BigInteger.valueOf(Long.MAX_VALUE), axes.points(Long.MAX_VALUE));
  }

  @Test
  void groupMembersOfAnotherLengthAreMismatchesWorded() {
    Axes axes = Axes.of(List.of(grouped("hiddenDim", "arch", 3), grouped("layers", "arch", 2),
        grouped("heads", "arch", 3)));
    assertEquals(List.of(new Axes.Mismatch("arch", 0, 1)), axes.mismatches());
    assertEquals("pairs 'hiddenDim' (3 values) with 'layers' (2 values)", axes.pairs(axes.mismatches().get(0)));
  }
}
