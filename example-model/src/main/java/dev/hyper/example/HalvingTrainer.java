package dev.hyper.example;

import dev.hyper.runtime.Experiment;
import dev.hyper.runtime.Trainer;

/** Trains one experiment of sweep {@code rnn-halving}: the training of {@link RnnTrainer}, from the rendered config. */
public final class HalvingTrainer implements Trainer<HalvingParams> {
  @Override
  public void train(HalvingParams params, Experiment experiment) throws Exception {
    RnnTrainer.train(experiment);
  }
}
