package dev.hyper.runtime.status;

import java.util.Objects;

/**
 * The {@code INTERRUPTED} marker: the run was asked to stop (a SLURM time limit's warning, preemption,
 * Ctrl-C), its trainer saved a checkpoint and returned before it finished; the next run resumes.
 *
 * @param time when it stopped (ISO-8601, UTC)
 * @param started when it started, as the {@code STARTED} marker said
 * @param seconds wall-clock seconds from start to stop
 * @param signal the signal that asked it to stop: {@code TERM}, {@code INT} or {@code USR1}
 * @param step the step of the newest checkpoint, or -1 if it saved none
 */
public record Interrupted(String time, String started, double seconds, String signal, long step) {
  public Interrupted {
    Objects.requireNonNull(time);
    Objects.requireNonNull(started);
    Objects.requireNonNull(signal);
  }
}
