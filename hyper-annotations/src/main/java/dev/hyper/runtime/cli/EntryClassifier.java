package dev.hyper.runtime.cli;

import dev.hyper.runtime.cli.SweepOverview.Entry;
import dev.hyper.runtime.cli.SweepOverview.State;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.manifest.Task;
import dev.hyper.runtime.plan.Layout;
import dev.hyper.runtime.run.Checkpoints;
import dev.hyper.runtime.slurm.Accounting;
import dev.hyper.runtime.slurm.ArrayScript;
import dev.hyper.runtime.slurm.SlurmClient;
import dev.hyper.runtime.status.ExperimentStatus;
import dev.hyper.runtime.status.Markers;
import dev.hyper.runtime.status.RunState;
import dev.hyper.runtime.status.Started;
import dev.hyper.runtime.toml.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which {@link State} one experiment is in, with the note status prints for it, from its markers, its SLURM
 * array task's place in the queue and SLURM's accounting of its runs ({@link SweepOverview} says what each state
 * means). The SLURM answers are asked once per sweep by {@link SweepOverview#scan} and handed in.
 */
final class EntryClassifier {
  private EntryClassifier() {}

  /** Whether an experiment's directory is there; for a lazy sweep's experiment, whether its task made it. */
  enum Made {
    /** Written by its sweep, or made by its task. */
    MADE,
    /** A lazy sweep's experiment that its task has not made yet ({@link Task#notMadeYet}), or not started on. */
    NOT_MADE
  }

  /**
   * @param made whether the experiment is made
   * @param noRun its point has no serialization directory: no run has started on it, so it has no markers
   */
  static Entry classify(Task t, Made made, boolean noRun, String arrayTask, String queued, boolean queueUnknown,
      boolean details, SlurmClient slurm, Map<String, Map<String, String>> jobStates, List<Accounting.Run> runs)
      throws IOException {
    if (t.gone()) {
      return new Entry(t, State.MISSING, t.confPath().getFileName() + " is gone (" + Layout.slashes(t.confPath())
          + ")", null);
    }
    Path dir = t.root().resolve(t.serializationDir());
    // no serialization directory: no run has started on it (no stat, or one rather than five)
    ExperimentStatus markers = noRun || (made == Made.NOT_MADE && !Files.isDirectory(dir))
        ? ExperimentStatus.PENDING
        : Markers.status(dir);
    if (markers != ExperimentStatus.PENDING && t.notMadeYet()) {   // its task made it and ran it: it is gone again
      return new Entry(t, State.MISSING, t.goneAfterItsRun(), null);
    }
    Path slurmLog = arrayTask == null ? null : t.serializationDir().resolve("slurm-" + arrayTask + ".out");
    if (markers == ExperimentStatus.DONE) {
      return new Entry(t, State.DONE, "", null);
    }
    if (markers == ExperimentStatus.STOPPED) {
      return new Entry(t, State.STOPPED, "", null);
    }
    if (queued != null) {
      boolean pending = queued.equals("PENDING") || queued.equals("REQUEUED") || queued.startsWith("REQUEUE");
      return new Entry(t, pending ? State.QUEUED : State.RUNNING, "SLURM " + arrayTask + " " + queued, slurmLog);
    }
    boolean leftQueue = arrayTask != null && !queueUnknown;
    if (markers == ExperimentStatus.PENDING && !leftQueue) {          // never started, not queued
      return new Entry(t, State.PENDING, "", null);
    }
    Path log = slurmLog != null && Files.exists(t.root().resolve(slurmLog)) ? slurmLog
        : Files.exists(t.log()) ? t.root().relativize(t.log()) : null;
    String ended = endedIn(arrayTask, runs);
    if (markers == ExperimentStatus.FAILED) {
      return new Entry(t, State.FAILED, details ? ended + failedNote(dir) : "", log);
    }
    if (markers == ExperimentStatus.INTERRUPTED) {
      return new Entry(t, State.INTERRUPTED, details ? ended + interruptedNote(dir) : "", log);
    }
    if (markers == ExperimentStatus.RUNNING) {
      Optional<Started> started;
      try {
        started = Markers.read(dir).started();
      } catch (ConfigException e) {
        return new Entry(t, State.FAILED, "unreadable marker: " + e.getMessage(), log);
      }
      if (started.isEmpty()) { // finished between the two reads
        return classify(t, made, false, arrayTask, null, queueUnknown, details, slurm, jobStates, runs);
      }
      Started s = started.get();
      String where = "pid " + s.pid() + " on " + s.host() + " since " + s.time();
      if (s.isRunningHere()) {
        return new Entry(t, State.RUNNING, where, log);
      }
      if (s.host().equals(Markers.hostName()) && (!leftQueue || ended.isEmpty())) {
        return new Entry(t, State.FAILED, "process " + s.pid() + " on " + s.host()
            + " is gone without DONE or FAILED (killed?)", log);
      }
      if (!leftQueue) {
        return new Entry(t, State.RUNNING, where + " (another machine: not checked)", log, true);
      }
    }
    if (leftQueue) {
      String note;
      if (!ended.isEmpty()) {
        note = ended + checkpointNote(dir) + lastLine(t.root(), log);
      } else {
        note = "SLURM " + arrayTask + " left the queue without DONE or FAILED";
        if (details) {
          note += slurmEnd(arrayTask, slurm, jobStates) + lastLine(t.root(), log);
        }
      }
      return new Entry(t, State.FAILED, note, log);
    }
    return new Entry(t, State.PENDING, "", null);
  }

  /**
   * {@code TIMEOUT: SLURM 12_3 was killed at its time limit; } from the last run accounting has of the latest
   * array task {@code arrayTask}, or "" when it has none.
   */
  private static String endedIn(String arrayTask, List<Accounting.Run> runs) {
    if (runs.isEmpty() || arrayTask == null || !runs.get(runs.size() - 1).arrayTask().equals(arrayTask)) {
      return "";
    }
    Accounting.Run last = runs.get(runs.size() - 1);
    return last.state() + ": SLURM " + arrayTask + " " + Accounting.why(last) + "; ";
  }

  private static String checkpointNote(Path dir) throws IOException {
    return Checkpoints.latest(dir.resolve(Checkpoints.DIR)).map(c -> "checkpoint at step " + c.step())
        .orElse("no checkpoint");
  }

  private static String interruptedNote(Path dir) throws IOException {
    try {
      return Markers.read(dir).interrupted().map(i -> "SIG" + i.signal() + " at " + i.time()
          + (i.step() >= 0 ? ", checkpoint at step " + i.step() : ", no checkpoint")).orElse("");
    } catch (ConfigException e) {
      return "unreadable marker: " + e.getMessage();
    }
  }

  private static String failedNote(Path dir) throws IOException {
    try {
      RunState state = Markers.read(dir);
      if (state.failed().isEmpty()) {
        return "";
      }
      return "exit " + state.failed().get().exitCode() + ": " + errorLine(state.failed().get().error());
    } catch (ConfigException e) {
      return "unreadable marker: " + e.getMessage();
    }
  }

  /**
   * The line of an error output that says what went wrong: the last one that is not part of a stack
   * trace's frames ({@code at ...}, {@code ... 3 more}), or the last line.
   */
  static String errorLine(List<String> lines) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      String l = lines.get(i);
      if (!l.isBlank() && !Character.isWhitespace(l.charAt(0)) && !l.startsWith("...")) {
        return l.strip();
      }
    }
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (!lines.get(i).isBlank()) {
        return lines.get(i).strip();
      }
    }
    return "(no error output)";
  }

  private static String slurmEnd(String arrayTask, SlurmClient slurm, Map<String, Map<String, String>> jobStates) {
    String job = arrayTask.contains("_") ? arrayTask.substring(0, arrayTask.indexOf('_')) : arrayTask;
    Map<String, String> states = jobStates.computeIfAbsent(job, j -> {
      try {
        return slurm.jobStates(j);
      } catch (HyperException e) {
        return Map.of();
      }
    });
    String state = states.get(arrayTask);
    return state == null ? "" : " (" + state + ")";
  }

  private static String lastLine(Path root, Path log) {
    if (log == null) {
      return "";
    }
    try {
      List<String> lines = Files.readAllLines(root.resolve(log), StandardCharsets.UTF_8).stream()
          .filter(l -> !l.startsWith(ArrayScript.FAILED_HERE)).toList();   // the script's, not the run's
      return lines.isEmpty() ? "" : ": " + errorLine(lines);
    } catch (IOException e) {
      return "";
    }
  }

}
