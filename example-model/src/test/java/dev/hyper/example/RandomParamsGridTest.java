package dev.hyper.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The generated random search of the example. */
class RandomParamsGridTest {
  private final RandomParamsGrid grid = new RandomParamsGrid();

  @Test
  void drawsTwelveDistinctPointsInRangeWithPairedArchitectures() {
    assertEquals(12, grid.size());
    Set<RandomParams> points = new HashSet<>(grid.stream().toList());
    assertEquals(12, points.size());
    for (RandomParams p : points) {
      assertTrue(p.lr() >= 1e-5 && p.lr() < 1e-2, p.toString());
      assertTrue(p.dropout() >= 0.2 && p.dropout() < 0.5, p.toString());
      assertTrue(List.of(300, 1).equals(List.of(p.hiddenDim(), p.nHiddenLayers()))
          || List.of(1000, 2).equals(List.of(p.hiddenDim(), p.nHiddenLayers())), p.toString());
    }
  }

  @Test
  void isReproducibleAndIndexable() {
    assertEquals(grid.stream().toList(), new RandomParamsGrid().stream().toList());
    for (long i = 0; i < grid.size(); i++) {
      assertEquals(i, grid.indexOf(grid.get(i)));
    }
  }
}
