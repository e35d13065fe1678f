package com.example;

import dev.hyper.Axis;
import dev.hyper.Sweep;

@Sweep(name = "toy", config = "toy.jsonnet")
public record ToyParams(
    @Axis(doubles = {0.1, 0.01, 0.001}) double lr,
    @Axis(ints = {100, 300}) int hiddenDim) {}
