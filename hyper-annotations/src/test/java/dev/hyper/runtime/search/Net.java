package dev.hyper.runtime.search;

import dev.hyper.runtime.Distribution;
import dev.hyper.runtime.Grid;
import dev.hyper.runtime.Param;
import dev.hyper.runtime.Strategy;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A synthetic sweep record for the search tests, and its space as the processor would generate it: a
 * log-uniform learning rate, a uniform dropout, an int width list ({@code @Range(from = 8, to = 256,
 * step = 8)}) and a string choice.
 */
record Net(double lr, double dropout, int width, String activation) {
  static final int[] WIDTHS = IntStream.rangeClosed(1, 32).map(i -> 8 * i).toArray();
  static final List<String> ACTIVATIONS = List.of("relu", "tanh", "gelu", "sigmoid");

  /** Random search over the space: {@code samples} points with {@code seed}. */
  static Grid<Net> space(long samples, long seed) {
    return new Grid<>(List.of(
            Param.sampled("lr", "lr", Net::lr, Distribution.logUniform(1e-5, 1e-1)),
            Param.sampled("dropout", "dropout", Net::dropout, Distribution.uniform(0, 0.8)),
            Param.ints("width", "width", Net::width, WIDTHS),
            Param.strings("activation", "activation", Net::activation, ACTIVATIONS.toArray(String[]::new))),
        v -> new Net(v.getDouble(0), v.getDouble(1), v.getInt(2), v.getString(3)),
        Strategy.random(samples, seed)) {};
  }

  /**
   * A loss with its minimum 0 at lr = 10^-2.8, dropout = 0.16, width = 181.6 (the nearest listed width,
   * 184, gives 3e-5) and gelu, and a coupling of lr and width.
   */
  double loss() {
    double a = (Math.log10(lr) + 5) / 4 - 0.55;
    double b = dropout / 0.8 - 0.2;
    double c = (width - 8) / 248.0 - 0.7;
    double penalty = switch (activation) {
      case "gelu" -> 0;
      case "relu" -> 0.05;
      case "tanh" -> 0.15;
      default -> 0.4;
    };
    return a * a + b * b + c * c + a * c + penalty;
  }
}
