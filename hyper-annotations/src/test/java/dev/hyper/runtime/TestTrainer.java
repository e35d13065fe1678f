package dev.hyper.runtime;

import java.util.Map;

/** A trainer that "trains" by writing the note and the configured epochs as metrics. */
public final class TestTrainer implements Trainer<TestParams> {
  @Override
  public void train(TestParams params, Experiment experiment) throws Exception {
    experiment.writeMetrics(Map.of("note", params.note(), "epochs", experiment.config().getInt("trainer.num_epochs"),
        "seed", experiment.seed()));
  }
}
