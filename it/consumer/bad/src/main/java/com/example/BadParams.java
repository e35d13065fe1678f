package com.example;

import dev.hyper.Axis;
import dev.hyper.Sweep;

@Sweep(name = "bad", config = "toy.jsonnet")
public record BadParams(
    @Axis(doubles = {0.1, 0.1}) double lr,
    @Axis(ints = {100, 300}) int hidenDim) {}
