package dev.hyper.bench;

import dev.hyper.runtime.Experiment;
import dev.hyper.runtime.Trainer;
import java.util.Map;

/** Trains {@link BenchMillion} in no time: its loss is a known function of the params, logged over three steps. */
public final class BenchTrainer implements Trainer<BenchMillion> {
  @Override
  public void train(BenchMillion p, Experiment experiment) throws Exception {
    double loss = Math.abs(Math.log10(p.lr()) + 3) + Math.abs(p.dropout() - 0.2) + p.nHiddenLayers() * 0.01
        + (p.optimizer().equals("adam") ? 0 : 0.1);
    for (int step = 1; step <= 3; step++) {
      experiment.log(step, Map.of("loss", loss * (1 + 1.0 / step)));
    }
    experiment.writeMetrics(Map.of("loss", loss));
  }
}
