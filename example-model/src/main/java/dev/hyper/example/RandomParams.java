package dev.hyper.example;

import dev.hyper.Axis;
import dev.hyper.LogUniform;
import dev.hyper.Slurm;
import dev.hyper.Sweep;
import dev.hyper.Uniform;

/**
 * Beyond the grid: a seeded random search over the same model and template as {@link RnnParams}.
 * 12 points: the learning rate log-uniform in [1e-5, 1e-2), dropout uniform in [0.2, 0.5), and the
 * architecture drawn from two paired settings, (hidden_dim, n_hidden_layers) in {(300, 1), (1000, 2)}.
 * Seed 7 gives the same 12 points on any machine; {@code show rnn-random} and
 * {@code sweep rnn-random --dry-run} print them.
 */
@Sweep(name = "rnn-random", config = "rnn_model.jsonnet", samples = 12, seed = 7,
       slurm = @Slurm(qos = "gpu-medium", time = "1-00:00:00"),
       trainer = RandomTrainer.class)
public record RandomParams(
    @Axis(logUniform = @LogUniform(min = 1e-5, max = 1e-2)) double lr,
    @Axis(uniform = @Uniform(min = 0.2, max = 0.5)) double dropout,
    @Axis(ints = {300, 1000}, group = "arch") int hiddenDim,
    @Axis(ints = {1, 2}, group = "arch") int nHiddenLayers) {}
