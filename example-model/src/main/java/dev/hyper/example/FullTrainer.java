package dev.hyper.example;

import dev.hyper.runtime.Experiment;
import dev.hyper.runtime.Trainer;

/** Trains one experiment of sweep {@code rnn-full}: the training of {@link RnnTrainer}, from the rendered config. */
public final class FullTrainer implements Trainer<FullParams> {
  @Override
  public void train(FullParams params, Experiment experiment) throws Exception {
    RnnTrainer.train(experiment);
  }
}
