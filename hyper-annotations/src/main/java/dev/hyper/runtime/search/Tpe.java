package dev.hyper.runtime.search;

import dev.hyper.Goal;
import dev.hyper.runtime.Grid;
import dev.hyper.runtime.Param;
import dev.hyper.runtime.Values;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Proposes new points of a sweep from its finished experiments with a tree-structured Parzen estimator
 * (Bergstra et al., NeurIPS 2011).
 *
 * <p><b>Use.</b> {@code new Tpe<>(spec.grid()).propose(observations, goal, seed, n)} with one
 * {@link Observation} per experiment already in the sweep directory (its params record from its TOML, its
 * metric or NaN), the sweep's {@link Goal} and a seed, returns at most {@code n} new points of
 * {@code spec.grid()}'s space, built with {@link Grid#create}, the form {@link Grid#get} gives: each
 * can be planned, rendered and appended like any other point. The result depends only on the multiset of
 * observations and the seed, not on their order (the estimator draws from {@link dev.hyper.runtime.space.Mix}
 * and computes with {@link StrictMath}). Give each wave its own seed, for example the sweep's seed plus the
 * number of observations, so that waves do not repeat one another's draws.
 *
 * <p><b>Method.</b> The finished observations (those with a metric) are sorted best first by the goal;
 * the best {@link TpeSettings#good min(ceil(n / 10), 25)} form the good group and the rest the bad one.
 * Each group gets a Parzen estimator over the space, l(x) for the good and g(x) for the bad, whose kernels
 * each span all parameters, so that a draw keeps an observation's combination of values together (Optuna's
 * multivariate TPE); every
 * proposal is, of {@link TpeSettings#candidates} points drawn from l, the one with the highest
 * l(x) / g(x) (the expected-improvement criterion) that is neither an observation's point nor an earlier
 * proposal. Sampled parameters are modelled on their value, log-uniform ones on their logarithm; numeric
 * value lists on the ranks of their values (so a {@code @LogRange} is modelled in log scale) and draws
 * round to a listed value; strings, booleans, enums and groups of paired parameters as smoothed choices.
 * An observation's value outside the space counts for its other parameters only.
 *
 * <p><b>Edge cases.</b> With fewer finished observations than {@link TpeSettings#startup}, every
 * proposal is a random-search point of the space with {@code seed} ({@link dev.hyper.runtime.Strategy#random}),
 * skipping points already taken. When all candidates are taken, the next untaken random point is proposed
 * instead; when the space has no untaken point left, fewer than {@code n} points come back.
 *
 * @param <P> the params record
 */
public final class Tpe<P> {
  /** Rounds of candidates drawn before falling back to random search when all are taken. */
  private static final int ROUNDS = 4;

  private final Grid<P> space;
  private final TpeSettings settings;
  private final SpaceModel model;

  /** An estimator over {@code space}'s parameters with {@link TpeSettings#DEFAULTS}. */
  public Tpe(Grid<P> space) {
    this(space, TpeSettings.DEFAULTS);
  }

  /** An estimator over {@code space}'s parameters (its strategy does not matter). */
  public Tpe(Grid<P> space, TpeSettings settings) {
    this.space = space;
    this.settings = settings;
    this.model = new SpaceModel(space.params());
  }

  /**
   * At most {@code n} new points, none equal to an observation's point or to another.
   *
   * @param observations every experiment so far, finished or not, in any order
   * @param goal {@link Goal#MIN} or {@link Goal#MAX}
   * @param seed the seed of the draws
   * @param n how many points, at least 1
   * @throws IllegalArgumentException if the goal is {@link Goal#UNSET} or n &lt; 1
   */
  public List<P> propose(List<Observation<P>> observations, Goal goal, long seed, int n) {
    if (goal != Goal.MIN && goal != Goal.MAX) {
      throw new IllegalArgumentException("TPE needs the goal MIN or MAX, not " + goal);
    }
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1, was " + n);
    }
    Set<List<Object>> taken = new HashSet<>();
    List<Scored> finished = new ArrayList<>();
    for (Observation<P> o : observations) {
      List<Object> key = key(space, o.point());
      taken.add(key);
      if (o.finished()) {
        finished.add(new Scored(goal == Goal.MIN ? o.metric() : -o.metric(), model.coordinates(key.toArray())));
      }
    }
    RandomPoints<P> random = new RandomPoints<>(space, seed);
    Optional<Proposer> tpe = finished.size() < settings.startup() ? Optional.empty()
        : Optional.of(new Proposer(finished, new Draws(seed)));
    List<P> out = new ArrayList<>();
    while (out.size() < n) {
      Optional<P> p = tpe.flatMap(t -> t.best(taken)).or(() -> random.next(taken));
      if (p.isEmpty()) {
        break;
      }
      out.add(p.get());
      taken.add(key(space, p.get()));
    }
    return List.copyOf(out);
  }

  /** A point's values, one per parameter in component order: what makes two points the same. */
  static <P> List<Object> key(Grid<P> space, P point) {
    List<Object> values = new ArrayList<>();
    for (Param<P> p : space.params()) {
      values.add(p.valueOf(point));
    }
    return List.copyOf(values);
  }

  /** A finished observation: its loss (the metric, negated for MAX) and coordinates. */
  private record Scored(double loss, double[] x) {}

  /** The two estimators of one call and their draws. */
  private final class Proposer {
    private final Parzen good;
    private final Parzen bad;
    private final Draws draws;

    Proposer(List<Scored> finished, Draws draws) {
      List<Scored> sorted = new ArrayList<>(finished);
      sorted.sort(Comparator.comparingDouble(Scored::loss).thenComparing(Scored::x, Arrays::compare));
      int split = TpeSettings.good(sorted.size());
      this.good = new Parzen(model.dimensions(), sorted.subList(0, split).stream().map(Scored::x).toList(),
          settings.priorWeight());
      this.bad = new Parzen(model.dimensions(), sorted.subList(split, sorted.size()).stream().map(Scored::x)
          .toList(), settings.priorWeight());
      this.draws = draws;
    }

    /** The untaken candidate with the highest l(x) / g(x), or empty if every candidate drawn was taken. */
    Optional<P> best(Set<List<Object>> taken) {
      for (int round = 0; round < ROUNDS; round++) {
        Object[] best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < settings.candidates(); c++) {
          double[] x = good.sample(draws);
          double score = good.logDensity(x) - bad.logDensity(x);
          Object[] values = model.values(x);
          if ((best == null || score > bestScore) && !taken.contains(Arrays.asList(values))) {
            best = values;
            bestScore = score;
          }
        }
        if (best != null) {
          return Optional.of(space.create(new Values(Arrays.asList(best))));
        }
      }
      return Optional.empty();
    }
  }
}
