package dev.hyper.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The generated grid of the example sweep. */
class RnnParamsGridTest {
  private final RnnParamsGrid grid = new RnnParamsGrid();

  @Test
  void hasTheBlogsSeventyTwoPoints() {
    assertEquals(72, grid.size());
    assertEquals(new RnnParams(0.001, 0.2, 100, 1), grid.get(0));
    assertEquals(new RnnParams(0.001, 0.2, 100, 2), grid.get(1), "last component fastest");
    assertEquals(new RnnParams(1e-5, 0.5, 1000, 2), grid.get(71));
  }

  @Test
  void getAndIndexOfRoundTripOverEveryIndex() {
    Set<RnnParams> seen = new HashSet<>();
    for (long i = 0; i < grid.size(); i++) {
      RnnParams p = grid.get(i);
      assertEquals(i, grid.indexOf(p));
      seen.add(p);
    }
    assertEquals(72, seen.size());
    assertEquals(-1, grid.indexOf(new RnnParams(0.5, 0.2, 100, 1)), "a value off the grid");
  }
}
