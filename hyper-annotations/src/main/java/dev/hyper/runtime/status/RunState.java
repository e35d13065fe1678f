package dev.hyper.runtime.status;

import java.util.Objects;
import java.util.Optional;

/**
 * An experiment's markers, read: its status and what each marker present says.
 *
 * @param status the status the markers give
 * @param started the {@code STARTED} marker, if present
 * @param done the {@code DONE} marker, if present
 * @param failed the {@code FAILED} marker, if present
 * @param interrupted the {@code INTERRUPTED} marker, if present
 */
public record RunState(ExperimentStatus status, Optional<Started> started, Optional<Done> done,
    Optional<Failed> failed, Optional<Interrupted> interrupted) {
  public RunState {
    Objects.requireNonNull(status);
    Objects.requireNonNull(started);
    Objects.requireNonNull(done);
    Objects.requireNonNull(failed);
    Objects.requireNonNull(interrupted);
  }

  /** No markers. */
  public static final RunState PENDING = new RunState(ExperimentStatus.PENDING, Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty());
}
