package dev.hyper.runtime.search;

/**
 * The numbers of the tree-structured Parzen estimator.
 *
 * @param startup finished experiments needed before the model is used; below it, proposals are random
 *     samples (Optuna's {@code n_startup_trials}, 10)
 * @param candidates points drawn from the good-points model per proposal, of which the one with the highest
 *     ratio l(x) / g(x) is taken (the expected-improvement candidates, 24)
 * @param priorWeight the weight of the prior kernel (the whole space) in each estimator, against 1 per
 *     observation (1.0)
 */
public record TpeSettings(int startup, int candidates, double priorWeight) {
  /** startup 10, candidates 24, prior weight 1. */
  public static final TpeSettings DEFAULTS = new TpeSettings(10, 24, 1.0);

  /** The cap on the number of good observations, {@link #good}. */
  public static final int MAX_GOOD = 25;

  public TpeSettings {
    if (startup < 1) {
      throw new IllegalArgumentException("startup must be >= 1, was " + startup);
    }
    if (candidates < 1) {
      throw new IllegalArgumentException("candidates must be >= 1, was " + candidates);
    }
    if (!(priorWeight > 0) || Double.isInfinite(priorWeight)) {
      throw new IllegalArgumentException("priorWeight must be finite and > 0, was " + priorWeight);
    }
  }

  /** How many of {@code finished} observations, best first, form the good group: min(ceil(0.1 n), 25). */
  public static int good(int finished) {
    return Math.min((finished + 9) / 10, MAX_GOOD);
  }
}
