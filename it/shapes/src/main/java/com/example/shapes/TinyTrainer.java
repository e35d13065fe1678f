package com.example.shapes;

import dev.hyper.runtime.Experiment;
import dev.hyper.runtime.Trainer;
import java.lang.management.ManagementFactory;
import java.util.Map;

/** A loss from the params, and what the training JVM was started with, for the check to read. */
public final class TinyTrainer implements Trainer<TinyParams> {
  @Override
  public void train(TinyParams p, Experiment experiment) throws Exception {
    double loss = Math.abs(p.lr() - 0.01) * p.width() + experiment.config().getDouble("optimizer.lr");
    experiment.writeMetrics(Map.of(
        "loss", loss,
        "max_memory_mb", Runtime.getRuntime().maxMemory() >> 20,
        "jvm_args", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments())));
  }
}
