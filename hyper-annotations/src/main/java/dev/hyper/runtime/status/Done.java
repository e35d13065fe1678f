package dev.hyper.runtime.status;

import java.util.List;
import java.util.Objects;

/**
 * The {@code DONE} marker: training returned normally.
 *
 * @param time when it finished (ISO-8601, UTC)
 * @param started when it started, as the {@code STARTED} marker said
 * @param seconds wall-clock seconds from start to finish
 * @param metricsSha256 SHA-256 of the {@code metrics.json} it left, or null if it wrote none
 * @param forced the problems {@code run --force} overrode; empty for a normal run
 */
public record Done(String time, String started, double seconds, String metricsSha256, List<String> forced) {
  public Done {
    Objects.requireNonNull(time);
    Objects.requireNonNull(started);
    forced = List.copyOf(forced);
  }
}
