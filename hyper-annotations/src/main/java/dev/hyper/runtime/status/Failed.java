package dev.hyper.runtime.status;

import java.util.List;
import java.util.Objects;

/**
 * The {@code FAILED} marker: training failed.
 *
 * @param time when it failed (ISO-8601, UTC)
 * @param started when it started, as the {@code STARTED} marker said (empty if unknown)
 * @param seconds wall-clock seconds from start to failure
 * @param exitCode the exit code of the run ({@code 1} when the trainer threw)
 * @param error the last lines of the run's error output (at most {@link Markers#ERROR_LINES})
 * @param forced the problems {@code run --force} overrode; empty for a normal run
 */
public record Failed(String time, String started, double seconds, int exitCode, List<String> error,
    List<String> forced) {
  public Failed {
    Objects.requireNonNull(time);
    Objects.requireNonNull(started);
    error = List.copyOf(error);
    forced = List.copyOf(forced);
  }
}
