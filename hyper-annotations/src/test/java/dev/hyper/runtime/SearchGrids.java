package dev.hyper.runtime;

import java.util.ArrayList;
import java.util.List;

/** What the processor would generate for {@link SearchParams}, by hand. */
public final class SearchGrids {
  private SearchGrids() {}

  private static List<Param<SearchParams>> params(boolean sampled) {
    return List.of(
        sampled ? Param.sampled("lr", "lr", SearchParams::lr, Distribution.logUniform(1e-5, 1e-2))
            : Param.doubles("lr", "lr", SearchParams::lr, Spans.logCount(1e-5, 1e-2, 4)),
        sampled ? Param.sampled("dropout", "dropout", SearchParams::dropout, Distribution.uniform(0.1, 0.6))
            : Param.doubles("dropout", "dropout", SearchParams::dropout, Spans.linearStep(0.1, 0.5, 0.1)),
        Param.ints("hiddenDim", "hidden_dim", SearchParams::hiddenDim, 300, 1000, 1000).inGroup("arch"),
        Param.ints("nLayers", "n_layers", SearchParams::nLayers, 1, 2, 3).inGroup("arch"),
        Param.strings("optimizer", "optimizer", SearchParams::optimizer, "adam", "sgd"));
  }

  private static SearchParams create(Values v) {
    return new SearchParams(v.getDouble(0), v.getDouble(1), v.getInt(2), v.getInt(3), v.getString(4));
  }

  /** 4 lrs x 5 dropouts x 3 (hiddenDim, nLayers) pairs x 2 optimizers = 120 points. */
  public static Grid<SearchParams> grid() {
    return new Grid<>(params(false), SearchGrids::create) {};
  }

  /** Random search over the 120 discrete points. */
  public static Grid<SearchParams> discreteRandom(long samples, long seed) {
    return new Grid<>(params(false), SearchGrids::create, Strategy.random(samples, seed)) {};
  }

  /** Random search with lr ~ logUniform(1e-5, 1e-2), dropout ~ uniform(0.1, 0.6) and 6 discrete combinations. */
  public static Grid<SearchParams> random(long samples, long seed) {
    return new Grid<>(params(true), SearchGrids::create, Strategy.random(samples, seed)) {};
  }

  /**
   * {@link #random} with {@code lr} and {@code dropout} drawn from the distributions given, counting in
   * {@code built} every point the grid builds, and failing once it built more than {@code most}.
   */
  public static Grid<SearchParams> random(long samples, long seed, Distribution lr, Distribution dropout,
      java.util.concurrent.atomic.AtomicLong built, long most) {
    List<Param<SearchParams>> params = new ArrayList<>(params(true));
    params.set(0, Param.sampled("lr", "lr", SearchParams::lr, lr));
    params.set(1, Param.sampled("dropout", "dropout", SearchParams::dropout, dropout));
    return new Grid<>(params, v -> {
      if (built.incrementAndGet() > most) {
        throw new AssertionError("built more than " + most + " points");
      }
      return create(v);
    }, Strategy.random(samples, seed)) {};
  }

  /** Prints {@code random(Long.parseLong(args[0]), Long.parseLong(args[1]))}, one point a line: for the fresh-JVM test. */
  public static void main(String[] args) {
    random(Long.parseLong(args[0]), Long.parseLong(args[1])).forEach(System.out::println);
  }
}
