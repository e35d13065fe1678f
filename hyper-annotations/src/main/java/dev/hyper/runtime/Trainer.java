package dev.hyper.runtime;

/**
 * The user's training code for one sweep record. {@code run <experiment.toml>} builds the trainer
 * with its public no-argument constructor and calls {@link #train} once.
 *
 * @param <P> the params record
 */
@FunctionalInterface
public interface Trainer<P> {
  /**
   * Trains one experiment.
   *
   * @param params this experiment's point of the sweep
   * @param experiment where this experiment's config, output and metrics live
   */
  void train(P params, Experiment experiment) throws Exception;
}
