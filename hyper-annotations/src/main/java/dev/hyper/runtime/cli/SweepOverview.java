package dev.hyper.runtime.cli;

import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.manifest.SweepTasks;
import dev.hyper.runtime.manifest.Task;
import dev.hyper.runtime.plan.Layout;
import dev.hyper.runtime.run.Checkpoints;
import dev.hyper.runtime.slurm.Accounting;
import dev.hyper.runtime.slurm.ArrayScript;
import dev.hyper.runtime.slurm.SlurmClient;
import dev.hyper.runtime.slurm.SlurmJobs;
import dev.hyper.runtime.slurm.TaskRuns;
import dev.hyper.runtime.status.ExperimentStatus;
import dev.hyper.runtime.status.JobsScriptRuns;
import dev.hyper.runtime.status.Markers;
import dev.hyper.runtime.status.RunState;
import dev.hyper.runtime.status.Started;
import dev.hyper.runtime.toml.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where each experiment of a swept output directory is, from its markers and, for a sweep submitted to
 * SLURM ({@code SWEEP-slurm-jobs.tsv}), from the queue. {@code exec}, {@code submit} and {@code status}
 * all decide from this, so they agree.
 *
 * <ul>
 *   <li>{@link State#DONE}: a {@code DONE} marker.
 *   <li>{@link State#QUEUED} / {@link State#RUNNING}: its latest SLURM array task (or single job, from the
 *       {@code --slurm} jobs script) is in the queue, pending or running; or (RUNNING) a {@code STARTED}
 *       marker whose process is alive on this machine, or that was written on another machine and is not
 *       known to have ended; or (QUEUED) it would be pending, but a jobs script of the sweep runs now
 *       ({@link JobsScriptRuns}) and gets to it.
 *   <li>{@link State#FAILED}: a {@code FAILED} marker; or it is not done and nothing runs it any more: its
 *       SLURM array task left the queue (SLURM's accounting, where it answers, says how it ended: TIMEOUT,
 *       PREEMPTED, OUT_OF_MEMORY, NODE_FAIL, CANCELLED...), or the process of its {@code STARTED} marker on
 *       this machine is gone (killed before it could write {@code FAILED}).
 *   <li>{@link State#INTERRUPTED}: an {@code INTERRUPTED} marker: asked to stop, it saved a checkpoint; it
 *       runs again (resuming) wherever a failed one would.
 *   <li>{@link State#STOPPED}: a {@code STOPPED} marker: successive halving stopped it at a rung; like a
 *       done one, nothing runs it again.
 *   <li>{@link State#PENDING}: never started and not queued.
 *   <li>{@link State#MISSING}: the sweep's manifest lists it, but its TOML is gone: nothing can run it.
 * </ul>
 */
final class SweepOverview {
  enum State {
    PENDING, QUEUED, RUNNING, DONE, FAILED, INTERRUPTED, STOPPED, MISSING
  }

  /**
   * One experiment.
   *
   * @param task the experiment
   * @param state where it is
   * @param note why, for RUNNING and QUEUED (where) and FAILED (the last error line), else empty
   * @param log the file with its output, relative to the output directory, or null if none is known
   * @param unchecked RUNNING only by a STARTED marker from another machine, which cannot be checked
   * @param runs its SLURM runs from accounting (every submission, each requeue), oldest first; empty when
   *     not known
   */
  record Entry(Task task, State state, String note, Path log, boolean unchecked, List<Accounting.Run> runs) {
    Entry(Task task, State state, String note, Path log) {
      this(task, state, note, log, false, List.of());
    }

    Entry(Task task, State state, String note, Path log, boolean unchecked) {
      this(task, state, note, log, unchecked, List.of());
    }

    Entry withRuns(List<Accounting.Run> r) {
      return new Entry(task, state, note, log, unchecked, List.copyOf(r));
    }

    /** The state SLURM's accounting gives its last run ({@code TIMEOUT}, {@code CANCELLED}, ...), or "". */
    String ended() {
      return runs.isEmpty() ? "" : runs.get(runs.size() - 1).state();
    }

    /** How often SLURM restarted it: each array task's runs less one. */
    int restarts() {
      return (int) (runs.size() - runs.stream().map(Accounting.Run::arrayTask).distinct().count());
    }
  }

  /** What a scan hands each experiment to, in the manifest's order. */
  @FunctionalInterface
  interface EntryAction {
    void accept(Entry e) throws IOException, HyperException;
  }

  final Path root;
  final String sweep;
  /** How many experiments there are. */
  final long size;
  /** How many of them a lazy sweep's task has not made yet. */
  final long notMade;
  private final Map<State, Integer> counts;
  final List<SlurmJobs.Submission> submissions;
  /** The queue state of each array task of the submissions still in the queue, by {@code JOB_INDEX}. */
  final Map<String, String> queue;
  /** Why the queue could not be read (then {@link #queue} is empty), or null. */
  final String queueProblem;
  /** Why SLURM's accounting could not be read (then no entry has runs), or null; null too when not asked. */
  final String accountingProblem;

  /** The sweep's jobs scripts running now. */
  final List<JobsScriptRuns.Run> scripts;

  private SweepOverview(Path root, String sweep, long size, long notMade,
      Map<State, Integer> counts, Sources sources) {
    this.root = root;
    this.sweep = sweep;
    this.size = size;
    this.notMade = notMade;
    this.counts = counts;
    this.submissions = sources.submissions;
    this.queue = sources.queue;
    this.queueProblem = sources.queueProblem;
    this.accountingProblem = sources.accountingProblem;
    this.scripts = sources.scripts;
  }

  /** What SLURM and the jobs scripts say of the whole sweep, asked once before its experiments are classified. */
  private record Sources(List<SlurmJobs.Submission> submissions, Map<String, String> queue, String queueProblem,
      Accounting accounting, String accountingProblem, List<JobsScriptRuns.Run> scripts) {
    static Sources of(Path root, String sweep, SlurmClient slurm, boolean details) throws IOException {
      List<SlurmJobs.Submission> submissions = SlurmJobs.read(root, sweep);
      List<String> jobs = List.copyOf(new LinkedHashSet<>(submissions.stream().map(SlurmJobs.Submission::jobId)
          .toList()));
      Map<String, String> queue = new HashMap<>();
      String problem = null;
      if (!submissions.isEmpty()) {
        try {
          queue = slurm.queued(jobs);
        } catch (HyperException e) {
          problem = e.getMessage();
        }
      }
      Accounting accounting = null;
      String accountingProblem = null;
      if (details && !submissions.isEmpty()) {
        try {
          accounting = slurm.accounting(jobs);
        } catch (HyperException e) {
          accountingProblem = e.getMessage();
        }
      }
      return new Sources(submissions, queue, problem, accounting, accountingProblem,
          JobsScriptRuns.live(root, sweep));
    }
  }

  /**
   * Classifies the experiments of {@code sweep} under {@code root} one at a time, in the manifest's order, and
   * hands each to {@code action}; holds none of them, so memory does not grow with the sweep.
   *
   * @param slurm asked about the sweep's submitted jobs, if there are any
   * @param details whether to find the last error line of failed experiments (reads their markers and
   *     logs, and asks SLURM how its tasks ended)
   */
  static SweepOverview scan(Path root, String sweep, SlurmClient slurm, boolean details, EntryAction action)
      throws IOException, HyperException {
    Sources sources = Sources.of(root, sweep, slurm, details);
    Map<String, Map<String, String>> jobStates = new HashMap<>();
    Map<State, Integer> counts = new EnumMap<>(State.class);
    for (State s : State.values()) {
      counts.put(s, 0);
    }
    long[] sizes = new long[2];
    Set<String> startedPoints = pointsWithSerializationDirs(root, sweep);
    try (TaskRuns taskRuns = TaskRuns.open(root, sweep, sources.submissions())) {
      SweepTasks.forEach(root, sweep, t -> {
        List<String> ids = taskRuns.next(t);
        String arrayTask = ids.isEmpty() ? null : ids.get(ids.size() - 1);
        List<Accounting.Run> runs = new ArrayList<>();
        if (sources.accounting() != null) {
          for (String id : ids) {
            runs.addAll(sources.accounting().runs(id));
          }
        }
        // a lazy experiment of a point with no serialization directory: not made, no task started on it (no stat)
        boolean untouched = t.lazyDir() != null && !startedPoints.contains(t.serializationDir().getParent()
            .getFileName().toString());
        boolean notMade = untouched || t.notMadeYet();
        Entry e = classify(t, notMade, untouched, arrayTask, sources.queueProblem() == null ? sources.queue().get(arrayTask)
            : null, sources.queueProblem() != null, details, slurm, jobStates, runs).withRuns(runs);
        if (e.state() == State.PENDING && !sources.scripts().isEmpty()) {   // the jobs script gets to it
          JobsScriptRuns.Run run = sources.scripts().get(0);
          e = new Entry(t, State.QUEUED, "by the jobs script, " + run.describe(), null, !run.here());
        }
        counts.merge(e.state(), 1, Integer::sum);
        sizes[0]++;
        if (notMade) {
          sizes[1]++;
        }
        action.accept(e);
      });
    }
    return new SweepOverview(root, sweep, sizes[0], sizes[1], counts, sources);
  }

  /**
   * The points of {@code sweep} that have a serialization directory ({@code model/generated/SWEEP/ID}): one
   * directory listing, so that a lazy sweep's experiments whose point is not there cost no stat each. Empty
   * when there is none.
   */
  private static Set<String> pointsWithSerializationDirs(Path root, String sweep) throws IOException {
    Set<String> ids = new HashSet<>();
    Path dir = root.resolve(Layout.sweepModelDir(sweep));
    if (!Files.isDirectory(dir)) {
      return ids;
    }
    try (DirectoryStream<Path> points = Files.newDirectoryStream(dir)) {
      points.forEach(p -> ids.add(p.getFileName().toString()));
    }
    return ids;
  }

  /**
   * @param notMade a lazy sweep's experiment that its task has not made yet ({@link Task#notMadeYet})
   * @param untouched not made, and its point has no serialization directory: no task started on it
   */
  private static Entry classify(Task t, boolean notMade, boolean untouched, String arrayTask, String queued, boolean queueUnknown,
      boolean details, SlurmClient slurm, Map<String, Map<String, String>> jobStates, List<Accounting.Run> runs)
      throws IOException {
    if (t.gone()) {
      return new Entry(t, State.MISSING, t.confPath().getFileName() + " is gone (" + Layout.slashes(t.confPath())
          + ")", null);
    }
    Path dir = t.root().resolve(t.serializationDir());
    // not made and no serialization directory: no task has started on it (one stat rather than five)
    ExperimentStatus markers = untouched || (notMade && !Files.isDirectory(dir)) ? ExperimentStatus.PENDING
        : Markers.status(dir);
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
        return classify(t, notMade, untouched, arrayTask, null, queueUnknown, details, slurm, jobStates, runs);
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

  /** How many experiments are in each state. */
  Map<State, Integer> counts() {
    return counts;
  }
}
