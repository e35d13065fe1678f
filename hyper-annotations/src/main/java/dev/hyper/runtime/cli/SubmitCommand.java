package dev.hyper.runtime.cli;

import dev.hyper.runtime.ExperimentConfig;
import dev.hyper.runtime.Provenance;
import dev.hyper.runtime.SlurmSettings;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.launch.LaunchCommand;
import dev.hyper.runtime.manifest.SweepTasks;
import dev.hyper.runtime.manifest.Task;
import dev.hyper.runtime.plan.Layout;
import dev.hyper.runtime.shell.ShellQuote;
import dev.hyper.runtime.slurm.ArrayChunk;
import dev.hyper.runtime.slurm.SlurmClient;
import dev.hyper.runtime.slurm.SlurmFiles;
import dev.hyper.runtime.slurm.SlurmJobs;
import dev.hyper.runtime.slurm.TaskLines;
import dev.hyper.runtime.slurm.SubmitLimits;
import dev.hyper.runtime.slurm.SubmitPlan;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "submit", description = {
    "Submit a swept output directory's experiments to SLURM as job arrays of one script, SWEEP.sbatch.",
    "It writes SWEEP-slurm-tasks.tsv (line k: the experiment of task k; existing lines never move, new"
        + " experiments are appended) and SWEEP.sbatch (#SBATCH --array over every task, the sweep's @Slurm"
        + " settings; each array task runs its experiment's snapshot jar unless it is DONE, its output in"
        + " slurm-JOB_TASK.out in the experiment's serialization directory).",
    "Then it submits only what is not DONE and not running or queued now: never started, FAILED, or whose"
        + " earlier array task ended without DONE or FAILED (killed, timed out, refused). Arrays larger than the"
        + " site's MaxArraySize (from scontrol show config, or --max-array-size) are split: SLURM caps the array"
        + " index, so each chunk is submitted with indexes below it and an offset (HYPER_TASK_OFFSET).",
    "It stays under the site's job limits, counting each array task as SLURM does: MaxJobCount (scontrol show"
        + " config, less the jobs slurmctld holds) and, where accounting runs, the association's MaxSubmitJobs and"
        + " the QOS's MaxSubmitJobsPerUser (sacctmgr, less your jobs in the queue). What does not fit is not"
        + " submitted: one line says how many and the command that submits them later (the same submit).",
    "--per-task K runs K experiments one after another in each array task (a failing one fails alone).",
    "Each sbatch must succeed and print a job id; the ids are appended to SWEEP-slurm-jobs.tsv and printed,"
        + " and 'status' follows them. A failing sbatch is an error (exit 1) and nothing is recorded for it.",
    "Exit 0 submitted (or nothing to submit), 1 sbatch failed, 2 bad input."})
final class SubmitCommand implements Callable<Integer> {
  @Mixin HelpOption help;

  @Parameters(paramLabel = "SWEEP", description = "The sweep's name, as swept into DIR.")
  String sweep;

  @Mixin OutOption output;

  @Option(names = "--max-array-size", paramLabel = "N", description = "The site's MaxArraySize: array indexes stay"
      + " below it (default: read from scontrol show config).")
  Integer maxArraySize;

  @Option(names = "--max-parallel", paramLabel = "N", description = "At most N tasks of an array run at once"
      + " (--array=...%%N; default: the sweep's @Slurm maxParallel; 0: no limit).")
  Integer maxParallel;

  @Option(names = "--per-task", paramLabel = "K", description = "Each array task runs K experiments, one after"
      + " another (task-list lines n*K to n*K+K-1), so short experiments need fewer allocations and count fewer"
      + " jobs toward the site's limits (default 1).")
  Integer perTask;

  @Option(names = "--failed-only", description = "Submit only the failed experiments, not the ones never started.")
  boolean failedOnly;

  @Option(names = "--force", description = "Also submit experiments with a STARTED marker that no known process or"
      + " queued task runs (e.g. from another machine); never ones queued or running in SLURM now.")
  boolean force;

  @Option(names = "--dry-run", description = "Print the sbatch commands; submit and write nothing.")
  boolean dryRun;

  @Option(names = "--slurm-bin", hidden = true, paramLabel = "DIR", description = "Where sbatch, squeue and"
      + " scontrol are (for tests).")
  Path slurmBin;

  @Mixin WaveOptions wave;

  private final CliContext ctx;

  SubmitCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws HyperException, IOException {
    Path root = output.root();
    if (maxArraySize != null && maxArraySize < 1) {
      throw new HyperException("submit: --max-array-size must be at least 1, was " + maxArraySize);
    }
    if (maxParallel != null && maxParallel < 0) {
      throw new HyperException("submit: --max-parallel must be 0 or more, was " + maxParallel);
    }
    if (perTask != null && perTask < 1) {
      throw new HyperException("submit: --per-task must be at least 1, was " + perTask);
    }
    int k = perTask == null ? 1 : perTask;
    wave.check("submit");
    SlurmClient slurm = new SlurmClient(slurmBin);
    Task first = SweepTasks.first(root, ctx.find(sweep)).orElse(null);
    if (first == null) {
      throw ctx.noExperiments(sweep, root);
    }
    // one pass over the sweep: each experiment's task-list line (as the list will be once extended below),
    // kept only for those to submit
    List<Long> selected = new ArrayList<>();
    java.util.BitSet busyTasks = new java.util.BitSet();   // array tasks (of k lines) with a line queued or running
    long[] busy = new long[1];
    SweepOverview overview;
    try (TaskLines lines = TaskLines.open(root, sweep)) {
      overview = SweepOverview.scan(root, sweep, ctx.declared(sweep), slurm, false, e -> {
        long line = lines.next(e.task());
        boolean submit = switch (e.state()) {
          case FAILED, INTERRUPTED -> true;
          case PENDING -> !failedOnly;
          case RUNNING -> force && e.unchecked();
          case DONE, STOPPED, QUEUED, MISSING -> false;
        };
        if (submit) {
          selected.add(line);
        } else if (e.state() == SweepOverview.State.RUNNING || e.state() == SweepOverview.State.QUEUED) {
          busy[0]++;
          busyTasks.set(Math.toIntExact(line / k));
        }
      });
    }
    if (overview.queueProblem != null) {
      throw new HyperException("submit: cannot tell which experiments are queued: " + overview.queueProblem);
    }
    SlurmSettings settings = settings(ctx.find(sweep), root, first);
    SlurmFiles.Launches launches = SweepCommand.launches(ctx.find(sweep), root);
    if (dryRun) {
      SlurmFiles.prepare(root, sweep, ctx.declared(sweep), settings, launches);         // checked alike, nothing written
    } else {
      SlurmFiles.write(root, sweep, ctx.declared(sweep), settings, launches);
    }
    selected.sort(null);
    int before = selected.size();
    selected.removeIf(line -> busyTasks.get(Math.toIntExact(line / k)));   // a packed task would run its busy line twice
    String skipped = (busy[0] == 0 ? "" : "; " + busy[0] + " running or queued now, skipped")
        + (selected.size() == before ? "" : "; " + (before - selected.size()) + " held back: another experiment of"
        + " their array task runs or is queued now");
    if (selected.isEmpty()) {
      var counts = overview.counts();
      ctx.out.println("submit " + sweep + ": nothing to submit: " + counts.get(SweepOverview.State.DONE) + " of "
          + overview.size + " done" + (counts.get(SweepOverview.State.STOPPED) == 0 ? ""
          : ", " + counts.get(SweepOverview.State.STOPPED) + " stopped by successive halving")
          + (failedOnly ? ", none failed" : "") + skipped);
      return nextWave(slurm, root, first, List.of());
    }
    Map<String, String> config = config(slurm);
    int max = maxArraySize != null ? maxArraySize : SlurmClient.maxArraySize(config);
    int parallel = maxParallel != null ? maxParallel : settings.maxParallel();
    SubmitLimits.Limit limit = SubmitLimits.tightest(limits(slurm, config, settings));
    SubmitPlan plan = SubmitPlan.of(selected, k, max, limit == null ? Long.MAX_VALUE : limit.free());
    Path script = root.resolve(SlurmFiles.script(sweep));
    String left = plan.leftTasks() == 0 ? null : plan.leftExperiments() + " experiment"
        + (plan.leftExperiments() == 1 ? "" : "s") + " (" + plan.leftTasks() + " array task"
        + (plan.leftTasks() == 1 ? "" : "s") + ") over " + limit.describe() + "; submit them later with: " + again();
    if (plan.parts().isEmpty()) {
      ctx.out.println("submit " + sweep + ": nothing submitted: " + left);
      return HyperCli.OK;
    }
    ctx.out.println("submit " + sweep + ": " + plan.experiments() + " of " + overview.size
        + " experiments in " + plan.parts().size() + " array job" + (plan.parts().size() == 1 ? "" : "s")
        + (k == 1 ? "" : " of " + plan.tasks() + " task" + (plan.tasks() == 1 ? "" : "s") + ", " + k + " per task")
        + " (MaxArraySize " + max + ")" + skipped);
    if (dryRun) {
      for (SubmitPlan.Part p : plan.parts()) {
        ctx.out.println(slurm.submitCommand(script, root, p.chunk(), parallel, k).stream().map(ShellQuote::quote)
            .collect(Collectors.joining(" ")));
      }
      if (left != null) {
        ctx.out.println("not submitted: " + left);
      }
      if (wave.on() && wave.waves > 1) {
        ctx.out.println(slurm.submitAfterCommand(root, List.of("JOBIDS"), waveName(), wavesLog(),
            waveShell(root, first)).stream().map(ShellQuote::quote).collect(Collectors.joining(" ")));
      }
      ctx.out.println("dry run: nothing submitted");
      return HyperCli.OK;
    }
    List<String> ids = new ArrayList<>();
    for (SubmitPlan.Part p : plan.parts()) {
      ArrayChunk c = p.chunk();
      String id;
      try {
        id = slurm.submit(script, root, c, parallel, k);
      } catch (HyperException e) {
        ctx.err.println("submit: sbatch failed: " + e.getMessage());
        ctx.err.println("submit: " + ids.size() + " of " + plan.parts().size() + " array jobs were submitted"
            + (ids.isEmpty() ? "" : " (" + String.join(", ", ids) + ", recorded in " + SlurmFiles.jobsFile(sweep)
            + "); submit again to submit the rest"));
        return HyperCli.FAILED;
      }
      SlurmJobs.append(root, sweep, new SlurmJobs.Submission(id, c.offset(), c.arraySpec(parallel), c.size(),
          Provenance.now(), k));
      ids.add(id);
      ctx.out.println("submitted job " + id + ": --array=" + c.arraySpec(parallel) + " offset " + c.offset() + " ("
          + (k == 1 ? "" : c.size() + " task" + (c.size() == 1 ? "" : "s") + ", ") + p.experiments() + " experiment"
          + (p.experiments() == 1 ? "" : "s") + ")");
    }
    ctx.out.println("job ids: " + String.join(" ", ids) + " (in " + SlurmFiles.jobsFile(sweep) + "); follow with:"
        + " " + ctx.self() + " status " + ShellQuote.word(sweep) + outOption());
    if (left != null) {
      ctx.out.println("not submitted: " + left);
    }
    return nextWave(slurm, root, first, ids);
  }

  /** With --waves W (W > 1): the job that, after {@code after}, adds the next points and submits the next wave. */
  private int nextWave(SlurmClient slurm, Path root, Task first, List<String> after)
      throws HyperException {
    if (!wave.on() || wave.waves < 2) {
      return HyperCli.OK;
    }
    String id = slurm.submitAfter(root, after, waveName(), wavesLog(), waveShell(root, first));
    ctx.out.println("next wave: job " + id + (after.isEmpty() ? " starts now" : " starts after jobs "
        + String.join(", ", after) + " end") + ": it adds " + wave.next + " points (sweep --next " + wave.next + ")"
        + " and submits the first of the " + (wave.waves - 1) + (wave.waves == 2 ? " wave" : " waves") + " left; its output goes to "
        + wavesLog());
    return HyperCli.OK;
  }

  private String waveName() {
    return sweep + "-waves";
  }

  private String wavesLog() {
    return sweep + "-waves.log";
  }

  /**
   * The chain job's script: in the output directory, with the sweep's program as its first experiment's
   * snapshot holds it (so it runs on any node that sees the directory) and the sweep's java: {@code sweep --next
   * N}, then this submit for the waves left.
   */
  private String waveShell(Path root, Task first) {
    String jar = ShellQuote.quote(Layout.slashes(first.confDir().resolve(Layout.SNAPSHOT_FILE)));
    String javaHome = null;
    try {
      javaHome = LaunchCommand.of(ExperimentConfig.load(root.resolve(first.confPath()), ctx.find(sweep))
          .experiment()).javaHome();
    } catch (HyperException | IOException | RuntimeException e) {
      // the java on PATH
    }
    String run = "\"$" + LaunchCommand.JAVA_VAR + "\" -jar " + jar;
    String out = " --out " + ShellQuote.quote(root.toString());
    return LaunchCommand.chooseJava(javaHome) + "\n"
        + run + " sweep " + ShellQuote.word(sweep) + out + wave.nextShell() + " && "
        + run + " submit " + ShellQuote.word(sweep) + out + " --waves " + (wave.waves - 1) + wave.nextShell()
        + (perTask == null ? "" : " --per-task " + perTask)
        + (maxParallel == null ? "" : " --max-parallel " + maxParallel)
        + (maxArraySize == null ? "" : " --max-array-size " + maxArraySize)
        + (slurmBin == null ? "" : " --slurm-bin " + ShellQuote.quote(slurmBin.toString()));
  }

  /** scontrol show config; where it fails but --max-array-size was given, none (with a note on stderr). */
  private Map<String, String> config(SlurmClient slurm) throws HyperException {
    try {
      return slurm.config();
    } catch (HyperException e) {
      if (maxArraySize == null) {
        throw new HyperException("submit: " + e.getMessage() + " (--max-array-size N submits without it)");
      }
      ctx.err.println("submit: cannot read the job limits, submitting without them: " + e.getMessage());
      return Map.of();
    }
  }

  /**
   * The limits of {@link SubmitLimits} for this user, the account of {@code SBATCH_ACCOUNT} (else the user's
   * default) and the sweep's QOS (else {@code SBATCH_QOS}, else the association's); none where squeue or
   * sacctmgr cannot say (with a note on stderr).
   */
  private List<SubmitLimits.Limit> limits(SlurmClient slurm, Map<String, String> config, SlurmSettings settings) {
    String qos = !settings.qos().isEmpty() ? settings.qos() : System.getenv().getOrDefault("SBATCH_QOS", "");
    try {
      return SubmitLimits.read(slurm, config, System.getProperty("user.name"), System.getenv("SBATCH_ACCOUNT"), qos);
    } catch (HyperException e) {
      ctx.err.println("submit: cannot read the job limits, submitting without them: " + e.getMessage());
      return List.of();
    }
  }

  /** The command that submits what this one left: the same submit, with the options that choose what and how. */
  private String again() {
    return ctx.self() + " submit " + ShellQuote.word(sweep) + outOption()
        + (perTask == null ? "" : " --per-task " + perTask)
        + (failedOnly ? " --failed-only" : "") + (force ? " --force" : "")
        + (maxParallel == null ? "" : " --max-parallel " + maxParallel)
        + (maxArraySize == null ? "" : " --max-array-size " + maxArraySize);
  }

  private String outOption() {
    return output.out != null ? " --out " + ShellQuote.word(output.root().toString()) : "";
  }

  /** The SLURM settings the experiments were written with (their TOML), or the sweep's. */
  private static <P extends Record> SlurmSettings settings(SweepSpec<P> spec, Path root, Task first) {
    try {
      return ExperimentConfig.load(root.resolve(first.confPath()), spec).experiment().slurm();
    } catch (IOException | RuntimeException e) {
      return spec.slurm();
    }
  }
}
