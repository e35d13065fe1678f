package dev.hyper.example;

import dev.hyper.Axis;
import dev.hyper.Goal;
import dev.hyper.Slurm;
import dev.hyper.Sweep;

/**
 * The blog post's sweep, as a typed record: 3 learning rates x 3 dropouts x 4 hidden sizes x 2 depths
 * = 72 points. Hyper checks every component against {@code rnn_model.jsonnet} at compile time.
 */
@Sweep(name = "rnn", config = "rnn_model.jsonnet", trials = 1,
       metric = "best_validation_accuracy", goal = Goal.MAX,
       slurm = @Slurm(qos = "gpu-medium", time = "1-00:00:00"),
       trainer = RnnTrainer.class)
public record RnnParams(
    @Axis(doubles = {0.001, 0.0001, 0.00001}) double lr,
    @Axis(doubles = {0.2, 0.35, 0.5}) double dropout,
    @Axis(ints = {100, 300, 500, 1000}) int hiddenDim,
    @Axis(ints = {1, 2}) int nHiddenLayers) {}
