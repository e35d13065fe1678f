package dev.hyper.runtime.search;

import java.util.Objects;

/**
 * One experiment as the search sees it: its point and its metric, or {@link Double#NaN} when it has none
 * (failed, still running, or the metric was never logged). Infinite metrics count: {@code +Infinity} is
 * the worst loss there is.
 *
 * @param point the experiment's params record
 * @param metric its value of the sweep's metric, NaN for none
 * @param <P> the params record
 */
public record Observation<P>(P point, double metric) {
  public Observation {
    Objects.requireNonNull(point);
  }

  /** An experiment without a metric: it only keeps its point from being proposed again. */
  public static <P> Observation<P> unfinished(P point) {
    return new Observation<>(point, Double.NaN);
  }

  /** Whether it has a metric the model can learn from. */
  public boolean finished() {
    return !Double.isNaN(metric);
  }
}
