package dev.hyper.example;

import dev.hyper.Axis;
import dev.hyper.Goal;
import dev.hyper.Halving;
import dev.hyper.LogUniform;
import dev.hyper.Slurm;
import dev.hyper.Sweep;
import dev.hyper.Uniform;

/**
 * Asynchronous successive halving over the space of {@link RandomParams}: 81 points (seed 7), each given
 * up to 27 epochs; at epochs 1, 3 and 9 a run goes on only if its validation accuracy is among the best
 * third recorded at that epoch so far. {@link FullParams} ({@code rnn-full}) trains the same 81 points to
 * the end, which is what this search saves on ({@code bench/asha.sh}).
 */
@Sweep(name = "rnn-halving", config = "rnn_model.jsonnet", samples = 81, seed = 7,
       metric = "best_validation_accuracy", goal = Goal.MAX,
       halving = @Halving(metric = "validation_accuracy", goal = Goal.MAX, resource = "epoch", min = 1, max = 27,
                          reduction = 3),
       slurm = @Slurm(qos = "gpu-medium", time = "1-00:00:00"),
       trainer = HalvingTrainer.class)
public record HalvingParams(
    @Axis(logUniform = @LogUniform(min = 1e-5, max = 1e-2)) double lr,
    @Axis(uniform = @Uniform(min = 0.2, max = 0.5)) double dropout,
    @Axis(ints = {300, 1000}, group = "arch") int hiddenDim,
    @Axis(ints = {1, 2}, group = "arch") int nHiddenLayers,
    @Axis(ints = 27) int numEpochs) {}
