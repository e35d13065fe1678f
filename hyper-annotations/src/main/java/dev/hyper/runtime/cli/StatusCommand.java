package dev.hyper.runtime.cli;

import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.plan.Layout;
import dev.hyper.runtime.run.StepLog;
import dev.hyper.runtime.slurm.SlurmClient;
import dev.hyper.runtime.slurm.SlurmFiles;
import dev.hyper.runtime.slurm.SlurmJobs;
import dev.hyper.runtime.status.JobsScriptRuns;
import dev.hyper.runtime.text.Printable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "status", description = {
    "Where a swept output directory's experiments are: counts of done, failed, running, queued (in SLURM, not"
        + " started) and pending (never started), then the failed ones with their last error line, and the"
        + " running ones.",
    "From the markers in each serialization directory (STARTED, DONE, FAILED) and, for a sweep submitted with"
        + " 'submit' or its --slurm jobs script, from squeue, sacct (where SLURM keeps accounting: how each run"
        + " ended, TIMEOUT, PREEMPTED, OUT_OF_MEMORY, NODE_FAIL, CANCELLED, and each requeue) and scontrol for the"
        + " jobs in SWEEP-slurm-jobs.tsv; while a plain jobs script runs (SWEEP-jobs.running/), the experiments it"
        + " has not run count as queued. Running experiments show their last logged step. An experiment that is"
        + " not done and that nothing runs any more is failed: its SLURM array task left the queue without"
        + " DONE or FAILED (killed, timed out, refused), or the process that STARTED it on this machine is"
        + " gone. 'exec' and 'submit' run exactly the failed and pending ones.",
    "Exit 0 (whatever the experiments' states), 2 bad input."})
final class StatusCommand implements Callable<Integer> {
  /** How many failed or running experiments are listed, at most. */
  static final int LISTED = 20;

  @Mixin HelpOption help;

  @Parameters(paramLabel = "SWEEP", description = "The sweep's name, as swept into DIR.")
  String sweep;

  @Mixin OutOption output;

  @Option(names = "--all", description = "List every failed and running experiment, not only the first "
      + LISTED + ".")
  boolean all;

  @Option(names = "--slurm-bin", hidden = true, paramLabel = "DIR", description = "Where squeue and scontrol are"
      + " (for tests).")
  Path slurmBin;

  private final CliContext ctx;

  StatusCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws HyperException, IOException {
    Path root = output.root();
    Listed listed = new Listed(all ? Integer.MAX_VALUE : LISTED);
    SweepOverview o = SweepOverview.scan(root, sweep, ctx.declared(sweep), new SlurmClient(slurmBin), true, listed::add);
    if (o.size == 0) {
      throw ctx.noExperiments(sweep, root);
    }
    Map<SweepOverview.State, Integer> n = o.counts();
    ctx.out.println(Printable.escape("sweep " + sweep + " in " + root + ": " + o.size + " experiments"));
    ctx.out.printf("  done     %6d%n", n.get(SweepOverview.State.DONE));
    ctx.out.printf("  failed   %6d%n", n.get(SweepOverview.State.FAILED));
    if (n.get(SweepOverview.State.INTERRUPTED) > 0) {
      ctx.out.printf("  interrupted %3d   (checkpointed; exec or submit resumes them)%n",
          n.get(SweepOverview.State.INTERRUPTED));
    }
    ctx.out.printf("  running  %6d%n", n.get(SweepOverview.State.RUNNING));
    ctx.out.printf("  queued   %6d   (in SLURM, not started)%n", n.get(SweepOverview.State.QUEUED));
    ctx.out.printf("  pending  %6d   (never started)%n", n.get(SweepOverview.State.PENDING));
    if (o.notMade > 0) {
      ctx.out.printf("    %6d of them not made yet (lazy sweep: each task makes its experiment when it starts)%n",
          o.notMade);
    }
    if (n.get(SweepOverview.State.STOPPED) > 0) {
      ctx.out.printf("  stopped  %6d   (STOPPED at a rung by successive halving)%n", n.get(SweepOverview.State.STOPPED));
    }
    dev.hyper.runtime.halving.RungSummary.of(root, sweep).ifPresent(h -> h.lines().forEach(ctx.out::println));
    if (n.get(SweepOverview.State.MISSING) > 0) {
      ctx.out.printf("  MISSING  %6d   (in %s-manifest.tsv, TOML gone: cannot run)%n", n.get(SweepOverview.State.MISSING),
          Printable.escape(sweep));
    }
    if (!o.submissions.isEmpty()) {
      long inQueue = o.queue.size();
      long runningInQueue = o.queue.values().stream().filter(s -> !s.equals("PENDING")).count();
      boolean arrays = o.submissions.stream().anyMatch(s -> s.experiment() == null);
      ctx.out.println(Printable.escape("SLURM: " + o.submissions.size() + (arrays ? " array job" : " job")
          + (o.submissions.size() == 1 ? "" : "s")
          + " in " + SlurmFiles.jobsFile(sweep) + " (latest: " + describe(o.submissions.get(o.submissions.size() - 1))
          + "); in the queue now: " + (o.queueProblem != null ? "unknown (" + o.queueProblem + ")"
          : inQueue + " task" + (inQueue == 1 ? "" : "s") + ", " + runningInQueue + " running")));
    }
    if (!o.submissions.isEmpty()) {
      ctx.out.println(Printable.escape(o.accountingProblem != null
          ? "SLURM accounting: not available (" + o.accountingProblem.strip() + "): states from squeue only"
          : "SLURM accounting (sacct): " + listed.ended()));
    }
    list("MISSING", listed.of(SweepOverview.State.MISSING));
    for (JobsScriptRuns.Run run : o.scripts) {
      ctx.out.println(Printable.escape("jobs script " + Layout.slashes(Layout.jobsScript(sweep)) + ": running, "
          + run.describe() + "; the experiments it has not run yet count as queued"));
    }
    list("failed", listed.of(SweepOverview.State.FAILED));
    list("interrupted", listed.of(SweepOverview.State.INTERRUPTED));
    list("running", listed.of(SweepOverview.State.RUNNING));
    history(listed.history);
    return HyperCli.OK;
  }

  /**
   * What status lists, kept as the experiments stream past: the first {@code cap} of each listed state and of
   * those with a SLURM history, how many there are of each, and the tally of how SLURM's runs ended.
   */
  private static final class Listed {
    final Map<SweepOverview.State, Kept> byState = new java.util.EnumMap<>(SweepOverview.State.class);
    final Kept history;
    final Map<String, Integer> endedCounts = new java.util.TreeMap<>();
    int restarts;

    Listed(int cap) {
      this.history = new Kept(cap);
      for (SweepOverview.State s : List.of(SweepOverview.State.MISSING, SweepOverview.State.FAILED,
          SweepOverview.State.INTERRUPTED, SweepOverview.State.RUNNING)) {
        byState.put(s, new Kept(cap));
      }
    }

    void add(SweepOverview.Entry e) {
      Kept k = byState.get(e.state());
      if (k != null) {
        k.add(e);
      }
      if (e.runs().size() > 1 || (!e.runs().isEmpty() && !e.ended().equals("COMPLETED"))) {
        history.add(e);
      }
      if (!e.ended().isEmpty()) {
        endedCounts.merge(e.ended(), 1, Integer::sum);
      }
      restarts += e.restarts();
    }

    Kept of(SweepOverview.State s) {
      return byState.get(s);
    }

    /** {@code 2 COMPLETED, 1 TIMEOUT, 3 restarts}: the last SLURM state of each experiment, and the restarts. */
    String ended() {
      if (endedCounts.isEmpty()) {
        return "no runs yet";
      }
      List<String> parts = new java.util.ArrayList<>();
      endedCounts.forEach((state, n) -> parts.add(n + " " + state));
      return String.join(", ", parts) + "; " + restarts + " restart" + (restarts == 1 ? "" : "s");
    }
  }

  /** The first {@code cap} entries given, and how many were given. */
  private static final class Kept {
    final int cap;
    final List<SweepOverview.Entry> first = new java.util.ArrayList<>();
    long count;

    Kept(int cap) {
      this.cap = cap;
    }

    void add(SweepOverview.Entry e) {
      if (first.size() < cap) {
        first.add(e);
      }
      count++;
    }
  }

  /**
   * Each experiment's SLURM runs, oldest first ({@code 12_0 REQUEUED -> 12_0 COMPLETED (1 restart)}), for those
   * that ran more than once or did not complete.
   */
  private void history(Kept shown) {
    if (shown.count == 0) {
      return;
    }
    ctx.out.println("SLURM history (sacct -D: each run, oldest first):");
    for (SweepOverview.Entry e : shown.first) {
      String runs = e.runs().stream().map(r -> r.arrayTask() + " " + r.state())
          .collect(java.util.stream.Collectors.joining(" -> "));
      ctx.out.println(Printable.escape("  " + e.task().label() + "  " + runs + "  (" + e.restarts() + " restart"
          + (e.restarts() == 1 ? "" : "s") + ")"));
    }
    more(shown);
  }

  /** {@code  ... and 3 more (--all lists them)} when {@code kept} holds fewer than were given. */
  private void more(Kept kept) {
    if (kept.count > kept.first.size()) {
      ctx.out.println("  ... and " + (kept.count - kept.first.size()) + " more (--all lists them)");
    }
  }

  /** {@code step 7: train_loss=0.41 validation_accuracy=0.93 at 2026-...}, the last line of its metrics.jsonl, or "". */
  private static String lastStep(SweepOverview.Entry e) {
    try {
      List<StepLog.Step> steps = StepLog.read(e.task().root().resolve(e.task().serializationDir())).steps();
      if (steps.isEmpty()) {
        return "";
      }
      StepLog.Step last = steps.get(steps.size() - 1);
      List<String> metrics = new java.util.ArrayList<>();
      last.metrics().forEach((k, v) -> metrics.add(k + "=" + (v instanceof Double d ? String.format(
          java.util.Locale.ROOT, "%.4g", d) : v)));
      return "  step " + last.step() + ": " + String.join(" ", metrics) + (last.time().isEmpty() ? "" : " at "
          + last.time());
    } catch (IOException ex) {
      return "";
    }
  }

  private void list(String what, Kept kept) {
    if (kept.count == 0) {
      return;
    }
    ctx.out.println(what + ":");
    for (SweepOverview.Entry e : kept.first) {
      ctx.out.println(Printable.escape("  " + e.task().label() + "  " + e.note()
          + (e.log() == null ? "" : "  (log " + Layout.slashes(e.log()) + ")")
          + (e.state() == SweepOverview.State.RUNNING || e.state() == SweepOverview.State.INTERRUPTED
              ? lastStep(e) : "")));
    }
    more(kept);
  }

  private static String describe(SlurmJobs.Submission s) {
    if (s.experiment() != null) {
      return "job " + s.jobId() + " from the jobs script, " + s.experiment() + ", " + s.submitted();
    }
    return "job " + s.jobId() + ", --array=" + s.array() + (s.offset() == 0 ? "" : " offset " + s.offset()) + ", "
        + s.tasks() + " task" + (s.tasks() == 1 ? "" : "s") + ", " + s.submitted();
  }

}
