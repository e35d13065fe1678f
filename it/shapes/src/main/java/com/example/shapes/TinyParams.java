package com.example.shapes;

import dev.hyper.Axis;
import dev.hyper.Sweep;

/** Four experiments, each trained in well under a second. */
@Sweep(name = "tiny", config = "tiny.jsonnet", trainer = TinyTrainer.class)
public record TinyParams(
    @Axis(doubles = {0.1, 0.01}) double lr,
    @Axis(ints = {1, 2}) int width) {}
