package dev.hyper.runtime.exec;

import dev.hyper.runtime.Provenance;
import dev.hyper.runtime.manifest.Task;
import dev.hyper.runtime.status.ExperimentStatus;
import dev.hyper.runtime.status.Failed;
import dev.hyper.runtime.status.Markers;
import dev.hyper.runtime.status.RunClaim;
import dev.hyper.runtime.status.RunState;
import dev.hyper.runtime.toml.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * What exec records of the runs it starts, so that there is no state but the markers: where each attempt
 * starts in the experiment's {@code run.log} ({@link #ATTEMPT}), and a {@code FAILED} marker for a run that
 * ended non-zero without a marker of its own (it refused, or was killed), with the exit code and the end of
 * that attempt's log.
 */
final class FailureMarks {
  /** How exec starts each attempt's part of an experiment's {@code run.log}. */
  static final String ATTEMPT = "=== hyper exec ";
  /** The exit code recorded for a run that exec stopped (Ctrl-C or SIGTERM): 128 + SIGINT. */
  static final int INTERRUPTED_BY_EXEC = 130;

  private final List<String> runOptions;
  private final ExecRun.Listener listener;

  /**
   * @param runOptions the options each run gets, recorded in the attempt's first line
   * @param listener told when a marker cannot be written
   */
  FailureMarks(List<String> runOptions, ExecRun.Listener listener) {
    this.runOptions = List.copyOf(runOptions);
    this.listener = listener;
  }

  /** Starts this attempt's part of {@code task}'s log, which keeps the earlier ones. */
  void begin(Task task) {
    try {
      Files.createDirectories(task.log().getParent());
      Files.writeString(task.log(), ATTEMPT + Provenance.now() + ": run " + task.confPath()
          + (runOptions.isEmpty() ? "" : " " + String.join(" ", runOptions)) + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      // the run's own failure to write its log will say more
    }
  }

  /**
   * Gives a task that ended with {@code exitCode} a {@code FAILED} marker if its run left none (it
   * refused, or was killed). When exec was interrupted, only a run that had started training (STARTED) is
   * marked, as interrupted ({@value #INTERRUPTED_BY_EXEC}). Nothing is written while another process holds
   * the experiment's claim (it is that process's run, not this exec's). Returns whether it wrote one.
   */
  synchronized boolean record(Task task, int exitCode, double seconds, boolean interrupted) {
    Path dir = task.root().resolve(task.serializationDir());
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      listener.cannotMark(task, e);
      return false;
    }
    // under the experiment's claim: if another process holds it (its own run), that one writes the markers
    try (RunClaim claim = RunClaim.claim(dir)) {
      ExperimentStatus status = Markers.status(dir);
      if (status == ExperimentStatus.DONE || status == ExperimentStatus.FAILED
          || status == ExperimentStatus.INTERRUPTED || status == ExperimentStatus.STOPPED
          || (interrupted && status != ExperimentStatus.RUNNING)) {
        return false;
      }
      String started = "";
      try {
        RunState state = Markers.read(dir);
        started = state.started().map(s -> s.time()).orElse("");
      } catch (ConfigException e) {
        // an unreadable STARTED: the FAILED marker replaces its meaning
      }
      List<String> error = new ArrayList<>(logTail(task));
      if (interrupted) {
        exitCode = INTERRUPTED_BY_EXEC;
        error.add("interrupted by exec");
      }
      Markers.writeFailed(dir, new Failed(Provenance.now(), started, seconds, exitCode, error, List.of()));
      return true;
    } catch (RunClaim.Busy held) {
      return false;
    } catch (IOException e) {
      listener.cannotMark(task, e);
      return false;
    }
  }

  /** The end of the last attempt's part of {@code task}'s log, at most {@link Markers#ERROR_LINES} - 1 lines. */
  private static List<String> logTail(Task task) {
    try {
      List<String> lines = Files.readAllLines(task.log(), StandardCharsets.UTF_8);
      int from = 0;
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (lines.get(i).startsWith(ATTEMPT)) {
          from = i + 1;
          break;
        }
      }
      return lines.subList(Math.max(from, lines.size() - Markers.ERROR_LINES + 1), lines.size());
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }
}
