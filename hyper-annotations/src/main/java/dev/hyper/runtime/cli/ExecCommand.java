package dev.hyper.runtime.cli;

import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.exec.ExecRun;
import dev.hyper.runtime.exec.Progress;
import dev.hyper.runtime.exec.TaskCommands;
import dev.hyper.runtime.manifest.SweepTasks;
import dev.hyper.runtime.manifest.Task;
import dev.hyper.runtime.shell.ShellQuote;
import dev.hyper.runtime.slurm.SlurmClient;
import dev.hyper.runtime.status.Markers;
import dev.hyper.runtime.status.RunState;
import dev.hyper.runtime.text.Printable;
import dev.hyper.runtime.text.ProgressLine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code exec}: its options, which experiments it runs (and in waves), and what {@link ExecRun} reports, printed. */
@Command(name = "exec", description = {
    "Run a swept output directory's experiments on this machine, N at a time, each in its own JVM from its own"
        + " snapshot (JAVA JVM_ARGS -jar CONF_DIR/model.jar run CONF_PATH, with the java the sweep ran on where it"
        + " exists, else java from PATH; $HYPER_JAVA overrides), its output appended to run.log in its"
        + " serialization directory.",
    "It runs every experiment that is not DONE: never started, FAILED, or left STARTED by a process on this"
        + " machine that is gone. It skips the ones running now (here, on another machine, or in SLURM) and"
        + " queued (in SLURM, or by a jobs script that is running). So running exec again resumes; --failed-only and --rerun-all choose otherwise.",
    "There is no state but the markers: an experiment whose run exits non-zero without a marker (it refused,"
        + " or was killed) gets a FAILED marker with the exit code and the end of its log. Ctrl-C (or SIGTERM)"
        + " stops the running experiments and marks the ones that had started training FAILED (exit 130,"
        + " interrupted by exec); nothing that did not finish is ever recorded as DONE.",
    "Progress: a bar (done / failed / running / remaining, rate, ETA) on a terminal, one line per experiment"
        + " otherwise.",
    "An experiment whose run finds it claimed by another process (run exit 4) is left to that process: it is"
        + " neither failed nor retried.",
    "Exit 0 if every experiment it ran is DONE (or claimed by another process), 1 if any failed (they are"
        + " listed), 2 bad input."})
final class ExecCommand implements Callable<Integer> {
  @Mixin HelpOption help;

  @Parameters(paramLabel = "SWEEP", description = "The sweep's name, as swept into DIR.")
  String sweep;

  @Mixin OutOption output;

  @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "How many experiments run at once (default:"
      + " the number of cores, ${DEFAULT-VALUE}).")
  int jobs = Runtime.getRuntime().availableProcessors();

  @Option(names = "--failed-only", description = "Run only the FAILED experiments, not the ones never started.")
  boolean failedOnly;

  @Option(names = "--limit", paramLabel = "N", description = "Run at most N experiments, the first in the manifest's"
      + " order of those it would run (default 0: all); exec again runs the next N.")
  int limit;

  @Option(names = "--rerun-all", description = "Run every experiment again, DONE ones too (run --rerun), except"
      + " the ones running or queued now.")
  boolean rerunAll;

  @Option(names = "--grace", paramLabel = "SECONDS", description = "On Ctrl-C, how long running experiments get"
      + " to end after SIGTERM before they are killed (default: ${DEFAULT-VALUE}).")
  long grace = 10;

  @Option(names = "--java", hidden = true, paramLabel = "FILE", description = "The java launcher for the"
      + " experiments (default: this JVM's).")
  String javaLauncher;

  @Option(names = "--slurm-bin", hidden = true, paramLabel = "DIR", description = "Where squeue is (for tests).")
  Path slurmBin;

  private final CliContext ctx;
  /** Set when an {@link ExecRun} reports Ctrl-C or SIGTERM. */
  private volatile boolean interrupted;

  ExecCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Mixin WaveOptions wave;

  @Override
  public Integer call() throws HyperException, IOException, InterruptedException {
    wave.check("exec");
    if (!wave.on()) {
      return once();
    }
    int worst = HyperCli.OK;
    for (int w = 1; w <= wave.waves && !interrupted; w++) {
      if (w > 1) {
        List<String> argv = new ArrayList<>(List.of("sweep", sweep, "--out", output.root().toString()));
        argv.addAll(wave.nextArguments());
        String[] args = argv.toArray(String[]::new);
        int added = HyperCli.commandLine(ctx, args).execute(args);
        if (added != HyperCli.OK) {
          return added;                                 // it said why
        }
      }
      ctx.out.println("exec " + sweep + ": wave " + w + " of " + wave.waves);
      int code = once();
      worst = Math.max(worst, code);
      if (code == HyperCli.INTERRUPTED || code == HyperCli.BAD_INPUT) {
        return code;
      }
    }
    return worst;
  }

  private int once() throws HyperException, IOException, InterruptedException {
    if (jobs < 1) {
      throw new HyperException("exec: --jobs must be at least 1, was " + jobs);
    }
    if (failedOnly && rerunAll) {
      throw new HyperException("exec: --failed-only and --rerun-all exclude each other");
    }
    if (limit < 0) {
      throw new HyperException("exec: --limit must be at least 0 (0: no limit), was " + limit);
    }
    Path root = output.root();
    if (!SweepTasks.any(root, sweep)) {
      throw ctx.noExperiments(sweep, root);
    }
    if (!ctx.find(sweep).hasTrainer()) {       // every run would refuse: start none
      throw new HyperException("exec: " + ctx.find(sweep).noTrainer() + "; nothing was run");
    }
    // one pass over the sweep, keeping only what runs (the first --limit of it) and the first MISSING ones
    List<Task> selected = new ArrayList<>();
    List<SweepOverview.Entry> missing = new ArrayList<>();
    long[] seen = new long[2];                       // chosen, busy
    SweepOverview overview = SweepOverview.scan(root, sweep, ctx.declared(sweep), new SlurmClient(slurmBin), false, e -> {
      boolean run = switch (e.state()) {
        case FAILED, INTERRUPTED -> true;
        case PENDING -> !failedOnly;
        case DONE, STOPPED -> rerunAll;
        case RUNNING, QUEUED, MISSING -> false;
      };
      if (run) {
        if (limit == 0 || selected.size() < limit) {
          selected.add(e.task());
        }
        seen[0]++;
      } else if (e.state() == SweepOverview.State.RUNNING || e.state() == SweepOverview.State.QUEUED) {
        seen[1]++;
      } else if (e.state() == SweepOverview.State.MISSING && missing.size() < StatusCommand.LISTED) {
        missing.add(e);
      }
    });
    if (overview.queueProblem != null) {
      ctx.err.println("warning: exec cannot ask SLURM about this sweep's jobs, so experiments queued there may run"
          + " twice: " + overview.queueProblem);
    }
    long chosen = seen[0];
    long busy = seen[1];
    int missingCount = overview.counts().get(SweepOverview.State.MISSING);
    String skipped = (chosen > selected.size() ? "; the first " + selected.size() + " of " + chosen
        + " to run (--limit)" : "") + (busy == 0 ? "" : "; " + busy + " running or queued elsewhere, skipped (see status)")
        + (missingCount == 0 ? "" : "; " + missingCount + " not runnable (TOML gone)");
    int code;
    if (selected.isEmpty()) {
      var counts = overview.counts();
      ctx.out.println("exec " + sweep + ": nothing to run: " + counts.get(SweepOverview.State.DONE) + " of "
          + overview.size + " done, " + (counts.get(SweepOverview.State.STOPPED) == 0 ? ""
          : counts.get(SweepOverview.State.STOPPED) + " stopped by successive halving, ")
          + counts.get(SweepOverview.State.FAILED) + " failed, "
          + counts.get(SweepOverview.State.PENDING) + " never started" + skipped);
      code = HyperCli.OK;
    } else {
      ctx.out.println("exec " + sweep + ": running " + selected.size() + " of " + overview.size
          + " experiments, " + jobs + " at a time, under " + root + skipped);
      ctx.out.flush();
      code = run(root, selected);
    }
    return notRunnable(missing, missingCount) ? HyperCli.FAILED : code;
  }

  /**
   * Names the experiments whose TOML is gone ({@code first}: at most {@link StatusCommand#LISTED} of {@code count});
   * whether there are any.
   */
  private boolean notRunnable(List<SweepOverview.Entry> first, int count) {
    for (SweepOverview.Entry e : first) {
      ctx.err.println(Printable.escape("exec: not runnable: " + e.task().label() + ": " + e.note()));
    }
    if (count > first.size()) {
      ctx.err.println("exec: ... and " + (count - first.size()) + " more not runnable (see status)");
    }
    return count > 0;
  }


  private int run(Path root, List<Task> tasks) throws InterruptedException, HyperException {
    Progress progress = new Progress(ctx.out, ProgressLine.onTerminal(), tasks.size());
    List<String> runOptions = rerunAll ? List.of("--rerun") : List.of();
    ExecRun exec = new ExecRun(jobs, new TaskCommands(root, ctx.find(sweep), javaLauncher, runOptions), runOptions,
        grace, new Printing(progress));
    List<Task> failedInOrder = exec.run(tasks);
    progress.finish();
    if (failedInOrder.isEmpty()) {
      return HyperCli.OK;
    }
    ctx.out.println("failed (" + failedInOrder.size() + "):");
    for (Task t : failedInOrder) {
      ctx.out.println(Printable.escape("  " + t.label() + "  " + failureLine(t) + "  (log " + root.relativize(t.log())
          + ")"));
    }
    ctx.out.println("run them again with: " + ctx.self() + " exec " + ShellQuote.word(sweep) + " --failed-only"
        + (output.out != null ? " --out " + ShellQuote.word(root.toString()) : ""));
    return HyperCli.FAILED;
  }

  /** What {@link ExecRun} reports, printed: the progress, an interruption, a marker it cannot write. */
  private final class Printing implements ExecRun.Listener {
    private final Progress progress;

    Printing(Progress progress) {
      this.progress = progress;
    }

    @Override
    public void started(Task task) {
      progress.started(task);
    }

    @Override
    public void finished(Task task, int exitCode, double seconds) {
      progress.finished(task, exitCode, seconds);
    }

    @Override
    public void interrupted(ExecRun.Interruption i) {
      interrupted = true;
      ctx.out.println();
      ctx.out.println("exec: interrupted: stopped " + i.stopped() + " running experiment(s), " + i.checkpointed()
          + " stopped cleanly with a checkpoint (INTERRUPTED), " + i.marked() + " marked FAILED (exit 130, interrupted"
          + " by exec), " + (i.stopped() - i.marked() - i.checkpointed()) + " left as they were (not started or"
          + " finished); run exec again to resume");
      ctx.out.flush();
    }

    @Override
    public void cannotMark(Task task, IOException e) {
      ctx.err.println("exec: cannot write FAILED for " + task.label() + ": " + e.getMessage());
    }
  }

  private static String failureLine(Task t) {
    try {
      RunState state = Markers.read(t.root().resolve(t.serializationDir()));
      if (state.failed().isPresent()) {
        return "exit " + state.failed().get().exitCode() + ": " + EntryClassifier.errorLine(state.failed().get().error());
      }
    } catch (IOException e) {
      return "(unreadable marker: " + e.getMessage() + ")";
    }
    return "";
  }
}
