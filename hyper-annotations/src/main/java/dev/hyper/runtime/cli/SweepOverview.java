package dev.hyper.runtime.cli;

import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.manifest.ManifestFile;
import dev.hyper.runtime.manifest.SweepTasks;
import dev.hyper.runtime.manifest.Task;
import dev.hyper.runtime.plan.Layout;
import dev.hyper.runtime.slurm.Accounting;
import dev.hyper.runtime.slurm.SlurmClient;
import dev.hyper.runtime.slurm.SlurmJobs;
import dev.hyper.runtime.slurm.TaskRuns;
import dev.hyper.runtime.status.ExperimentFiles;
import dev.hyper.runtime.status.ExperimentStatus;
import dev.hyper.runtime.status.JobsScriptRuns;
import dev.hyper.runtime.status.RunJournal;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
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
 *
 * <p>An experiment the sweep's {@link RunJournal} knows finished ({@code DONE} or {@code STOPPED}) is that, with
 * no stat of its markers: one stat (its TOML's) per experiment, where a stopped one took four and a done one
 * two.
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
    return scan(root, sweep, null, slurm, details, action);
  }

  /**
   * {@link #scan(Path, String, SlurmClient, boolean, EntryAction)} with {@code declared}, this program's sweep of
   * that name (or null if it declares none), which draws the rows a lazy sweep's manifest does not list.
   */
  static SweepOverview scan(Path root, String sweep, SweepSpec<?> declared, SlurmClient slurm, boolean details,
      EntryAction action) throws IOException, HyperException {
    Sources sources = Sources.of(root, sweep, slurm, details);
    Map<String, Map<String, String>> jobStates = new HashMap<>();
    Map<State, Integer> counts = new EnumMap<>(State.class);
    for (State s : State.values()) {
      counts.put(s, 0);
    }
    long[] sizes = new long[2];
    Optional<ManifestFile> manifest = declared != null ? ManifestFile.read(root, declared)
        : ManifestFile.read(root, sweep);
    Set<String> startedPoints = ExperimentFiles.startedPoints(root, sweep);
    RunJournal.Finished finished = RunJournal.read(root.resolve(Layout.sweepModelDir(sweep)));
    long drawnRows = manifest.filter(ManifestFile::drawn).map(ManifestFile::experiments).orElse(0L);
    try (TaskRuns taskRuns = TaskRuns.open(root, sweep, sources.submissions(), drawnRows)) {
      SweepTasks.forEach(root, sweep, manifest, t -> {
        List<String> ids = taskRuns.next(t);
        String arrayTask = ids.isEmpty() ? null : ids.get(ids.size() - 1);
        List<Accounting.Run> runs = new ArrayList<>();
        if (sources.accounting() != null) {
          for (String id : ids) {
            runs.addAll(sources.accounting().runs(id));
          }
        }
        // a point with no serialization directory: no run started on it, so it has no markers (no stat)
        String point = t.serializationDir().getParent().getFileName().toString();
        boolean untouched = !startedPoints.contains(point);
        ExperimentStatus vouched = untouched ? null
            : finished.status(point, Integer.parseInt(t.serializationDir().getFileName().toString()),
                t.root().resolve(t.confPath()));     // its TOML gone or replaced: its markers say
        EntryClassifier.Made made = t.lazyDir() == null || vouched != null ? EntryClassifier.Made.MADE
            : untouched || t.notMadeYet() ? EntryClassifier.Made.NOT_MADE : EntryClassifier.Made.MADE;
        Entry e = vouched != null   // the journal knows it finished: no stat of its markers
            ? new Entry(t, vouched == ExperimentStatus.DONE ? State.DONE : State.STOPPED, "", null).withRuns(runs)
            : EntryClassifier.classify(t, made, untouched, arrayTask, sources.queueProblem() == null
                ? sources.queue().get(arrayTask) : null, sources.queueProblem() != null, details, slurm, jobStates,
                runs).withRuns(runs);
        if (e.state() == State.PENDING && !sources.scripts().isEmpty()) {   // the jobs script gets to it
          JobsScriptRuns.Run run = sources.scripts().get(0);
          e = new Entry(t, State.QUEUED, "by the jobs script, " + run.describe(), null, !run.here());
        }
        counts.merge(e.state(), 1, Integer::sum);
        sizes[0]++;
        if (made != EntryClassifier.Made.MADE && e.state() != State.MISSING) {
          sizes[1]++;
        }
        action.accept(e);
      });
    }
    return new SweepOverview(root, sweep, sizes[0], sizes[1], counts, sources);
  }

  /** How many experiments are in each state. */
  Map<State, Integer> counts() {
    return counts;
  }
}
