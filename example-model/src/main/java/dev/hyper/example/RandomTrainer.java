package dev.hyper.example;

import dev.hyper.runtime.Experiment;
import dev.hyper.runtime.Trainer;

/** Trains one experiment of sweep {@code rnn-random}: the same training as {@link RnnTrainer}, from the rendered config. */
public final class RandomTrainer implements Trainer<RandomParams> {
  @Override
  public void train(RandomParams params, Experiment experiment) throws Exception {
    RnnTrainer.train(experiment);
  }
}
