package dev.hyper.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GridTest {
  private final TestParamsGrid grid = new TestParamsGrid();

  @Test
  void getAndIndexOfRoundTripOverEveryIndex() {
    assertEquals(12, grid.size());
    var seen = new HashSet<TestParams>();
    for (long i = 0; i < grid.size(); i++) {
      TestParams p = grid.get(i);
      assertEquals(i, grid.indexOf(p));
      seen.add(p);
    }
    assertEquals(12, seen.size());
  }

  @Test
  void lastComponentVariesFastest() {
    assertEquals(new TestParams(0.001, "plain", TestParams.Mode.FAST), grid.get(0));
    assertEquals(new TestParams(0.001, "plain", TestParams.Mode.SLOW), grid.get(1));
    assertEquals(new TestParams(0.001, TestParamsGrid.TRICKY, TestParams.Mode.FAST), grid.get(2));
    assertEquals(new TestParams(1.0E-4, "plain", TestParams.Mode.FAST), grid.get(6));
    assertEquals(new TestParams(1.0E-4, "ünï 日本", TestParams.Mode.SLOW), grid.get(11));
  }

  @Test
  void iterationAndStreamFollowIndexOrder() {
    List<TestParams> iterated = new ArrayList<>();
    grid.forEach(iterated::add);
    assertEquals(grid.stream().toList(), iterated);
    assertEquals(IntStream.range(0, 12).mapToObj(grid::get).toList(), iterated);
  }

  @Test
  void pointOffTheGridHasNoIndex() {
    assertEquals(-1, grid.indexOf(new TestParams(0.5, "plain", TestParams.Mode.FAST)));
    assertEquals(new TestParams(0.5, "x", TestParams.Mode.SLOW),
        grid.create(new Values(List.of(0.5, "x", TestParams.Mode.SLOW))));
  }

  @Test
  void outOfRangeIndexIsRejected() {
    assertThrows(IndexOutOfBoundsException.class, () -> grid.get(12));
    assertThrows(IndexOutOfBoundsException.class, () -> grid.get(-1));
  }

  @Test
  void sizeOverflowIsAnArithmeticException() {
    long[] thousand = new long[1000];
    for (int i = 0; i < thousand.length; i++) {
      thousand[i] = i;
    }
    List<Param<long[]>> params = new ArrayList<>();
    for (int axis = 0; axis < 7; axis++) { // 1000^7 = 10^21 > 2^63
      params.add(Param.longs("a" + axis, "a" + axis, p -> p[0], thousand));
    }
    Function<Values, long[]> factory = v -> new long[] {v.getLong(0)};
    assertThrows(ArithmeticException.class, () -> new Grid<>(params, factory) {});
    assertEquals(1_000_000_000_000_000_000L, new Grid<>(params.subList(0, 6), factory) {}.size());
  }
}
