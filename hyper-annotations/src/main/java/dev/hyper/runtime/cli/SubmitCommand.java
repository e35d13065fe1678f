package dev.hyper.runtime.cli;

import dev.hyper.runtime.ExperimentConfig;
import dev.hyper.runtime.HyperException;
import dev.hyper.runtime.Provenance;
import dev.hyper.runtime.SlurmSettings;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.exec.Task;
import dev.hyper.runtime.shell.ShellQuote;
import dev.hyper.runtime.slurm.ArrayChunk;
import dev.hyper.runtime.slurm.SlurmClient;
import dev.hyper.runtime.slurm.SlurmFiles;
import dev.hyper.runtime.slurm.SlurmJobs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    SlurmClient slurm = new SlurmClient(slurmBin);
    SweepOverview overview = SweepOverview.load(root, sweep, slurm, false);
    if (overview.entries.isEmpty()) {
      ExecCommand.noExperiments(ctx, sweep, root);
    }
    if (overview.queueProblem != null) {
      throw new HyperException("submit: cannot tell which experiments are queued: " + overview.queueProblem);
    }
    SlurmSettings settings = settings(ctx.find(sweep), root, overview.entries.get(0).task());
    SlurmFiles.Launches launches = SweepCommand.launches(ctx.find(sweep), root);
    List<Task> onDisk = overview.entries.stream().map(SweepOverview.Entry::task).toList();
    List<Task> tasks = dryRun ? SlurmFiles.prepare(root, sweep, settings, launches, onDisk).tasks()  // checked alike
        : SlurmFiles.write(root, sweep, settings, launches, onDisk);
    Map<Path, Long> numbers = new HashMap<>();
    for (int i = 0; i < tasks.size(); i++) {
      numbers.put(tasks.get(i).confPath(), (long) i);
    }

    List<Long> selected = new ArrayList<>();
    int busy = 0;
    for (SweepOverview.Entry e : overview.entries) {
      boolean submit = switch (e.state()) {
        case FAILED, INTERRUPTED -> true;
        case PENDING -> !failedOnly;
        case RUNNING -> force && e.unchecked();
        case DONE, STOPPED, QUEUED, MISSING -> false;
      };
      if (submit) {
        selected.add(numbers.get(e.task().confPath()));
      } else if (e.state() == SweepOverview.State.RUNNING || e.state() == SweepOverview.State.QUEUED) {
        busy++;
      }
    }
    selected.sort(null);
    String skipped = busy == 0 ? "" : "; " + busy + " running or queued now, skipped";
    if (selected.isEmpty()) {
      var counts = overview.counts();
      ctx.out.println("submit " + sweep + ": nothing to submit: " + counts.get(SweepOverview.State.DONE) + " of "
          + overview.entries.size() + " done" + (counts.get(SweepOverview.State.STOPPED) == 0 ? ""
          : ", " + counts.get(SweepOverview.State.STOPPED) + " stopped by successive halving")
          + (failedOnly ? ", none failed" : "") + skipped);
      return HyperCli.OK;
    }
    int max = maxArraySize != null ? maxArraySize : slurm.maxArraySize();
    int parallel = maxParallel != null ? maxParallel : settings.maxParallel();
    List<ArrayChunk> chunks = ArrayChunk.split(selected, max);
    Path script = root.resolve(SlurmFiles.script(sweep));
    ctx.out.println("submit " + sweep + ": " + selected.size() + " of " + overview.entries.size()
        + " experiments in " + chunks.size() + " array job" + (chunks.size() == 1 ? "" : "s") + " (MaxArraySize "
        + max + ")" + skipped);
    if (dryRun) {
      for (ArrayChunk c : chunks) {
        ctx.out.println(slurm.submitCommand(script, root, c, parallel).stream().map(ShellQuote::quote)
            .collect(Collectors.joining(" ")));
      }
      ctx.out.println("dry run: nothing submitted");
      return HyperCli.OK;
    }
    List<String> ids = new ArrayList<>();
    for (ArrayChunk c : chunks) {
      String id;
      try {
        id = slurm.submit(script, root, c, parallel);
      } catch (HyperException e) {
        ctx.err.println("submit: sbatch failed: " + e.getMessage());
        ctx.err.println("submit: " + ids.size() + " of " + chunks.size() + " array jobs were submitted"
            + (ids.isEmpty() ? "" : " (" + String.join(", ", ids) + ", recorded in " + SlurmFiles.jobsFile(sweep)
            + "); submit again to submit the rest"));
        return HyperCli.FAILED;
      }
      SlurmJobs.append(root, sweep, new SlurmJobs.Submission(id, c.offset(), c.arraySpec(parallel), c.size(),
          Provenance.now()));
      ids.add(id);
      ctx.out.println("submitted job " + id + ": --array=" + c.arraySpec(parallel) + " offset " + c.offset() + " ("
          + c.size() + " experiment" + (c.size() == 1 ? "" : "s") + ")");
    }
    ctx.out.println("job ids: " + String.join(" ", ids) + " (in " + SlurmFiles.jobsFile(sweep) + "); follow with:"
        + " " + ctx.self() + " status " + ShellQuote.word(sweep) + (output.out != null ? " --out "
        + ShellQuote.word(root.toString()) : ""));
    return HyperCli.OK;
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
