package dev.hyper.bench;

import dev.hyper.Axis;
import dev.hyper.Sweep;

/** 10 x 10 x 10 x 10 = 10,000 experiments over the blog's config. */
@Sweep(name = "bench-10k", config = "bench.jsonnet")
public record Bench10k(
    @Axis(doubles = {1e-1, 3e-2, 1e-2, 3e-3, 1e-3, 3e-4, 1e-4, 3e-5, 1e-5, 3e-6}) double lr,
    @Axis(doubles = {0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5}) double dropout,
    @Axis(ints = {50, 100, 200, 300, 400, 500, 750, 1000, 1500, 2000}) int hiddenDim,
    @Axis(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}) int nHiddenLayers) {}
