package dev.hyper;

/** Which way a sweep's metric is better: {@code @Sweep(metric = "val_mse", goal = Goal.MIN)}. */
public enum Goal {
  /** Smaller values are better: a loss, an error, a time. */
  MIN,
  /** Larger values are better: an accuracy, a score. */
  MAX,
  /** Not declared, the default of {@link Sweep#goal()}: {@code results} needs {@code --goal} or guesses. */
  UNSET
}
