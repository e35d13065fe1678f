package dev.hyper.bench;

import dev.hyper.Axis;
import dev.hyper.Goal;
import dev.hyper.LogUniform;
import dev.hyper.Sweep;
import dev.hyper.Uniform;

/**
 * A million-point random search over the blog's config, lazy: {@code sweep} lists the points and each task makes
 * its own experiment when it starts ({@code bench/million.sh}). {@link BenchTrainer} trains in no time, so
 * running a thousand of its tasks measures Hyper, not a model.
 */
@Sweep(name = "bench-1m", config = "bench.jsonnet", samples = 1_000_000, seed = 1, lazy = true,
       metric = "loss", goal = Goal.MIN, trainer = BenchTrainer.class)
public record BenchMillion(
    @Axis(logUniform = @LogUniform(min = 1e-6, max = 1e-1)) double lr,
    @Axis(uniform = @Uniform(min = 0.0, max = 0.5)) double dropout,
    @Axis(ints = {50, 100, 200, 300, 400, 500, 750, 1000, 1500, 2000}) int hiddenDim,
    @Axis(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}) int nHiddenLayers,
    @Axis(strings = {"adam", "sgd", "adagrad", "adadelta", "rmsprop", "adamw", "nadam", "adamax",
        "lamb", "lion"}) String optimizer) {}
