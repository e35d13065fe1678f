package dev.hyper.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Ranges, paired axes and seeded random search through the one Grid interface. */
class SearchSpaceTest {

  // ---- ranges

  @Test
  void rangesAreComputedInDecimal() {
    assertArrayEquals(new double[] {0.1, 0.2, 0.3, 0.4, 0.5}, Spans.linearStep(0.1, 0.5, 0.1));
    assertArrayEquals(new double[] {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0}, Spans.linearStep(0, 1, 0.1));
    assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1}, Spans.linearCount(0, 1, 5));
    assertArrayEquals(new double[] {1, 4, 7}, Spans.linearStep(1, 9, 3), "9 is off the grid");
    assertArrayEquals(new int[] {100, 200, 300}, Spans.toInts(Spans.linearStep(100, 300, 100)));
    assertArrayEquals(new double[] {2}, Spans.linearCount(2, 5, 1));
  }

  @Test
  void logRangesHitDecadesExactly() {
    assertArrayEquals(new double[] {1e-5, 1e-4, 1e-3, 1e-2}, Spans.logCount(1e-5, 1e-2, 4));
    double[] half = Spans.logCount(1e-5, 1e-2, 7);
    assertEquals(1e-4, half[2]);
    assertEquals(1e-3, half[4]);
    assertEquals(3.16227766016838e-5, half[1]);
    assertArrayEquals(new double[] {3e-5, 3e-4, 3e-3}, Spans.logCount(3e-5, 3e-3, 3));
  }

  @Test
  void badRangesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Spans.linearStep(1, 0, 0.1));
    assertThrows(IllegalArgumentException.class, () -> Spans.linearStep(0, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> Spans.linearStep(0, 1e9, 1));
    assertThrows(IllegalArgumentException.class, () -> Spans.logCount(0, 1, 3));
    assertThrows(IllegalArgumentException.class, () -> Spans.linearCount(0, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> Spans.toInts(new double[] {0.5}));
  }

  // ---- paired axes

  @Test
  void pairedAxesProduceExactlyTheListedTuples() {
    Grid<SearchParams> grid = SearchGrids.grid();
    assertEquals(4 * 5 * 3 * 2, grid.size());
    Set<List<Integer>> pairs = new HashSet<>();
    grid.forEach(p -> pairs.add(List.of(p.hiddenDim(), p.nLayers())));
    assertEquals(Set.of(List.of(300, 1), List.of(1000, 2), List.of(1000, 3)), pairs);
    assertEquals(new SearchParams(1e-5, 0.1, 300, 1, "adam"), grid.get(0));
    assertEquals(new SearchParams(1e-5, 0.1, 300, 1, "sgd"), grid.get(1));
    assertEquals(new SearchParams(1e-5, 0.1, 1000, 2, "adam"), grid.get(2), "the pair is one axis");
    for (long i = 0; i < grid.size(); i++) {
      assertEquals(i, grid.indexOf(grid.get(i)));
    }
    assertEquals(-1, grid.indexOf(new SearchParams(1e-5, 0.1, 300, 2, "adam")), "300 is paired with 1 only");
    assertEquals("grid of 120 points, paired (hiddenDim, nLayers)", grid.describe());
  }

  @Test
  void groupsOfUnequalLengthAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Grid<SearchParams>(List.of(
        Param.doubles("lr", "lr", SearchParams::lr, 0.1),
        Param.doubles("dropout", "dropout", SearchParams::dropout, 0.1),
        Param.ints("hiddenDim", "hidden_dim", SearchParams::hiddenDim, 300, 1000).inGroup("arch"),
        Param.ints("nLayers", "n_layers", SearchParams::nLayers, 1).inGroup("arch"),
        Param.strings("optimizer", "optimizer", SearchParams::optimizer, "adam")), v -> null) {});
    assertTrue(e.getMessage().contains("value lists of one length"), e.getMessage());
  }

  @Test
  void aGridCannotEnumerateADistribution() {
    assertThrows(IllegalArgumentException.class, () -> new Grid<SearchParams>(List.of(
        Param.sampled("lr", "lr", SearchParams::lr, Distribution.uniform(0, 1))), v -> null) {});
  }

  // ---- random search

  @Test
  void theSameSeedGivesTheSamePointsAndAnotherSeedOthers() {
    assertEquals(SearchGrids.random(50, 7).stream().toList(), SearchGrids.random(50, 7).stream().toList());
    assertNotEquals(SearchGrids.random(50, 7).stream().toList(), SearchGrids.random(50, 8).stream().toList());
    assertEquals(SearchGrids.random(50, 7).stream().limit(12).toList(), SearchGrids.random(12, 7).stream().toList(),
        "asking for more samples only appends points");
  }

  /** Pinned values: the generator is specified (dev.hyper.runtime.space.Mix), not the JDK's. */
  @Test
  void theSameSeedGivesThesePointsOnAnyMachine() {
    List<SearchParams> points = SearchGrids.random(3, 7).stream().toList();
    assertEquals(PINNED, points.toString());
  }

  private static final String PINNED = "[SearchParams[lr=2.780010111783667E-4, dropout=0.432438456592826, "
      + "hiddenDim=1000, nLayers=2, optimizer=adam], SearchParams[lr=4.1752100810575274E-4, "
      + "dropout=0.23852902008065738, hiddenDim=300, nLayers=1, optimizer=adam], SearchParams[lr=1.9579451892153688E-5, "
      + "dropout=0.469212564336128, hiddenDim=1000, nLayers=2, optimizer=sgd]]";

  @Test
  void aFreshJvmDrawsTheSamePoints() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        SearchGrids.class.getName(), "40", "7").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    List<String> here = new ArrayList<>();
    SearchGrids.random(40, 7).forEach(x -> here.add(x.toString()));
    assertEquals(here, out.lines().toList());
  }

  @Test
  void getOfIEqualsTheIthPointOfTheEnumerationAndIndexOfInvertsIt() {
    for (Grid<SearchParams> grid : List.of(SearchGrids.random(30, 3), SearchGrids.discreteRandom(50, 3))) {
      List<SearchParams> all = new ArrayList<>();
      grid.iterator().forEachRemaining(all::add);
      assertEquals(grid.size(), all.size());
      for (int i = all.size() - 1; i >= 0; i--) {
        assertEquals(all.get(i), grid.get(i));
        assertEquals(i, grid.indexOf(all.get(i)));
      }
      assertEquals(-1, grid.indexOf(new SearchParams(0.5, 0.1, 300, 1, "adam")));
    }
  }

  /**
   * indexOf of random search with sampled parameters inverts a sampled value's hash rather than replaying
   * the draws: in a sweep of 2^40 samples it builds only the point it checks (replaying would build up to
   * 2^40 / 6 of them), and a value no sample drew is found in none.
   */
  @Test
  void indexOfWithSampledParametersInvertsTheHashInsteadOfReplayingTheDraws() {
    java.util.concurrent.atomic.AtomicLong built = new java.util.concurrent.atomic.AtomicLong();
    Grid<SearchParams> grid = SearchGrids.random(1L << 40, 11, Distribution.logUniform(1e-5, 1e-2),
        Distribution.uniform(0.1, 0.6), built, 1_000);
    for (long i : new long[] {0, 1, 5, 6, 12_345, 987_654_321, (1L << 40) - 1}) {
      SearchParams point = grid.get(i);
      built.set(0);
      assertEquals(i, grid.indexOf(point));
      assertEquals(1, built.get(), "only the point at the index found is built");
    }
    SearchParams drawn = grid.get(77);
    built.set(0);
    assertEquals(-1, grid.indexOf(new SearchParams(Math.nextUp(drawn.lr()), drawn.dropout(), drawn.hiddenDim(),
        drawn.nLayers(), drawn.optimizer())), "an lr one ulp off the drawn one");
    assertEquals(-1, grid.indexOf(new SearchParams(drawn.lr(), drawn.dropout(), drawn.hiddenDim(), drawn.nLayers(),
        drawn.optimizer().equals("adam") ? "sgd" : "adam")), "the drawn values with another optimizer");
    assertTrue(built.get() <= 2, "at most the candidates checked: " + built.get());
  }

  /**
   * Where more than 64 draws give one double (a range far narrower than its doubles' spacing), the next
   * sampled parameter is inverted; where every one is so narrow, indexOf replays the draws and is still right.
   */
  @Test
  void indexOfOfANarrowDistributionUsesTheNextSampledParameterOrReplays() {
    java.util.concurrent.atomic.AtomicLong built = new java.util.concurrent.atomic.AtomicLong();
    Distribution narrow = Distribution.uniform(1e15, 1e15 + 1);    // 8 doubles, 2^50 draws each
    Grid<SearchParams> oneNarrow = SearchGrids.random(1L << 40, 5, narrow, Distribution.uniform(0.1, 0.6), built,
        1_000);
    SearchParams point = oneNarrow.get(1L << 39);
    built.set(0);
    assertEquals(1L << 39, oneNarrow.indexOf(point));
    assertEquals(1, built.get(), "dropout was inverted");

    Grid<SearchParams> bothNarrow = SearchGrids.random(6 * 300, 5, narrow, Distribution.uniform(1e15, 1e15 + 2),
        built, Long.MAX_VALUE);                                    // 300 rounds of the 6 combinations
    List<SearchParams> all = bothNarrow.stream().toList();
    for (int i = 0; i < all.size(); i += 7) {
      assertEquals(all.indexOf(all.get(i)), bothNarrow.indexOf(all.get(i)));
    }
  }

  @Test
  void discretePointsAreDrawnWithoutDuplicatesAndCappedAtTheSpace() {
    Grid<SearchParams> some = SearchGrids.discreteRandom(50, 11);
    assertEquals(50, some.size());
    assertEquals(50, new HashSet<>(some.stream().toList()).size(), "no duplicates");
    Grid<SearchParams> all = SearchGrids.discreteRandom(500, 11);
    assertEquals(120, all.size(), "more samples than points: every point once");
    assertEquals(new HashSet<>(SearchGrids.grid().stream().toList()), new HashSet<>(all.stream().toList()));
    assertEquals("random search, seed 11: 500 samples asked but only 120 distinct points exist (120 combinations of "
        + "4 axes, paired (hiddenDim, nLayers)); each is taken once, in seeded order", all.describe());
  }

  @Test
  void sampledPointsRepeatDiscreteCombinationsOnlyAfterAllWereDrawn() {
    Grid<SearchParams> grid = SearchGrids.random(12, 7);
    assertEquals(12, grid.size());
    Set<List<Object>> firstSix = new HashSet<>();
    for (int i = 0; i < 6; i++) {
      SearchParams p = grid.get(i);
      firstSix.add(List.of(p.hiddenDim(), p.nLayers(), p.optimizer()));
    }
    assertEquals(6, firstSix.size(), "3 pairs x 2 optimizers, each once in the first round");
    assertEquals(12, new HashSet<>(grid.stream().toList()).size());
  }

  /** Kolmogorov-Smirnov against the uniform CDF, fixed seed, 20,000 samples, alpha = 0.001 (critical 1.95/sqrt(n)). */
  @Test
  void uniformAndLogUniformSamplesFallInRangeWithTheRightDistribution() {
    int n = 20_000;
    Grid<SearchParams> grid = SearchGrids.random(n, 2024);
    double[] dropout = new double[n];
    double[] lr = new double[n];
    for (int i = 0; i < n; i++) {
      SearchParams p = grid.get(i);
      assertTrue(p.dropout() >= 0.1 && p.dropout() < 0.6, "dropout " + p.dropout());
      assertTrue(p.lr() >= 1e-5 && p.lr() < 1e-2, "lr " + p.lr());
      dropout[i] = (p.dropout() - 0.1) / 0.5;
      lr[i] = (Math.log(p.lr()) - Math.log(1e-5)) / (Math.log(1e-2) - Math.log(1e-5));
    }
    double critical = 1.95 / Math.sqrt(n);
    assertTrue(ks(dropout) < critical, "uniform: D = " + ks(dropout));
    assertTrue(ks(lr) < critical, "log-uniform: D = " + ks(lr));
    // log-uniform means each decade equally often: about a third of the samples below 1e-4
    long belowE4 = Arrays.stream(lr).filter(u -> u < 1.0 / 3).count();
    assertEquals(n / 3.0, belowE4, n * 0.02);
    // and the discrete axes uniformly: each combination once per round of 6, so adam within 1 of n/2
    long adam = grid.stream().filter(p -> p.optimizer().equals("adam")).count();
    assertEquals(n / 2.0, adam, 1.0);
  }

  private static double ks(double[] unit) {
    double[] sorted = unit.clone();
    Arrays.sort(sorted);
    double d = 0;
    for (int i = 0; i < sorted.length; i++) {
      d = Math.max(d, Math.max((i + 1.0) / sorted.length - sorted[i], sorted[i] - (double) i / sorted.length));
    }
    return d;
  }

  @Test
  void randomSearchNeedsAtLeastOneSample() {
    assertThrows(IllegalArgumentException.class, () -> Strategy.random(0, 1));
  }
}
