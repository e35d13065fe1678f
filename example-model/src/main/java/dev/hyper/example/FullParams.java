package dev.hyper.example;

import dev.hyper.Axis;
import dev.hyper.Goal;
import dev.hyper.LogUniform;
import dev.hyper.Sweep;
import dev.hyper.Uniform;

/**
 * The 81 points of {@link HalvingParams} (the same space and seed draw the same points), each trained to
 * its 27 epochs: the full search that successive halving is measured against ({@code bench/asha.sh}).
 */
@Sweep(name = "rnn-full", config = "rnn_model.jsonnet", samples = 81, seed = 7,
       metric = "best_validation_accuracy", goal = Goal.MAX,
       trainer = FullTrainer.class)
public record FullParams(
    @Axis(logUniform = @LogUniform(min = 1e-5, max = 1e-2)) double lr,
    @Axis(uniform = @Uniform(min = 0.2, max = 0.5)) double dropout,
    @Axis(ints = {300, 1000}, group = "arch") int hiddenDim,
    @Axis(ints = {1, 2}, group = "arch") int nHiddenLayers,
    @Axis(ints = 27) int numEpochs) {}
