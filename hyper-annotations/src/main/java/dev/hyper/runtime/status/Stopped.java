package dev.hyper.runtime.status;

import java.util.Objects;

/**
 * The {@code STOPPED} marker: successive halving stopped the run at a rung, where its value was not among
 * the best {@code 1/reduction} recorded there; the trainer returned. Neither failed nor done: the search
 * is over for this experiment, and {@code exec} and {@code submit} do not run it again.
 *
 * @param time when it stopped (ISO-8601, UTC)
 * @param started when it started, as the {@code STARTED} marker said
 * @param seconds wall-clock seconds from start to stop
 * @param rung the rung, 0 for the first
 * @param resource the rung's resource ({@code min * reduction^rung})
 * @param metric the metric compared
 * @param value the run's value of it at the rung
 * @param cutoff the value it had to reach (NaN for a NaN value)
 */
public record Stopped(String time, String started, double seconds, int rung, long resource, String metric,
    double value, double cutoff) {
  public Stopped {
    Objects.requireNonNull(time);
    Objects.requireNonNull(started);
    Objects.requireNonNull(metric);
  }
}
