package dev.hyper.runtime.cli;

import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.halving.Decision;
import dev.hyper.runtime.runner.ExperimentRunner;
import dev.hyper.runtime.runner.RunListener;
import dev.hyper.runtime.runner.RunOptions;
import dev.hyper.runtime.runner.RunOutcome;
import dev.hyper.runtime.text.Printable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code run}: its options, and what {@link ExperimentRunner} (the run protocol) reports, printed. */
@Command(name = "run", description = {
    "Train one experiment: read its TOML (as written by sweep), check it, and call the sweep's trainer.",
    "Before training, run checks that the program it runs is the experiment's snapshot (model.jar is"
        + " snapshot.sha256 and every class-path entry in the store is unchanged, or this JVM's class path has the"
        + " same entries),"
        + " that the id and seed are those of the params, and that the JSON config is what the template renders"
        + " from the params; on a mismatch it refuses (exit 2) unless --force.",
    "Markers in the serialization directory: STARTED before training, then DONE (with the SHA-256 of"
        + " metrics.json) or FAILED (exit code and the last lines of the error), or INTERRUPTED when the run was"
        + " asked to stop (SIGTERM, SIGINT, SIGUSR1) and its trainer saved a checkpoint and returned without"
        + " writing metrics.json: run it again and the trainer resumes from its latest checkpoint. An experiment"
        + " with DONE is not trained again unless --rerun, which also drops its checkpoints and step log.",
    "In a sweep with successive halving (@Sweep(halving)), each rung the run reaches is recorded under"
        + " model/generated/SWEEP/.rungs/; a run whose value is not among the best 1/reduction there is asked to"
        + " stop and marked STOPPED (exit 0), and is not trained again unless --rerun (which drops its rung records).",
    "Two runs never train one experiment at once: run claims it first (a lock on ID/.TRIAL.claim beside the"
        + " serialization directory, held until it ends and dropped by the OS if it is killed); a run that finds it claimed"
        + " prints who holds it and exits 4 without touching it.",
    "Exit 0 trained (or already done), 1 training failed, 2 refused or bad input, 3 interrupted (resume it),"
        + " 4 claimed by another run."})
final class RunCommand implements Callable<Integer> {
  @Mixin HelpOption help;

  @Parameters(paramLabel = "EXPERIMENT.toml", description = "The experiment's config file; or a lazy sweep's"
      + " invocation directory (config/generated/SWEEP/.lazy/N) with --row K, to run manifest row K, which that"
      + " invocation added (a jobs script runs the rows a manifest draws from its plan so).")
  Path toml;

  @Option(names = "--force", description = "Train even if the checks fail; the overridden problems are recorded in"
      + " the markers (forced = [...]) and printed as a warning.")
  boolean force;

  @Option(names = "--row", paramLabel = "K", description = "For a lazy sweep's experiment that is not made yet:"
      + " its row in the sweep's manifest, which its task line passes, so that run finds the row at once rather"
      + " than reading the manifest up to it (a row of another experiment is ignored); with a lazy invocation's"
      + " directory, the row to run.")
  long row = -1;

  @Option(names = "--rerun", description = "Train again even if the experiment is DONE (its old markers are"
      + " removed; the trainer overwrites its outputs).")
  boolean rerun;

  private final CliContext ctx;

  RunCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws HyperException, IOException {
    ExperimentRunner runner = new ExperimentRunner(ctx::find, ctx.locator::locate, ctx.args);
    RunOutcome outcome = runner.run(toml, new RunOptions(force, rerun, row), new Warnings());
    print(outcome);
    return outcome.exitCode();
  }

  private void print(RunOutcome outcome) {
    if (outcome instanceof RunOutcome.Busy b) {
      ctx.err.println(Printable.escape("not running " + toml + ": " + (b.experiment() == null ? "it" : b.experiment())
          + " is claimed by " + b.holder() + "; nothing done"));
    } else if (outcome instanceof RunOutcome.AlreadyDone d) {
      ctx.out.println("already done: " + d.experiment() + " (DONE " + d.time()
          + "); nothing to do, use --rerun to train it again");
    } else if (outcome instanceof RunOutcome.AlreadyStopped s) {
      ctx.out.println("already stopped: " + s.experiment() + " (STOPPED at rung " + s.rung()
          + " by successive halving); nothing to do, use --rerun to train it again");
    } else if (outcome instanceof RunOutcome.Stopped s) {
      Decision d = s.decision();
      ctx.out.println(Printable.escape("stopped: " + s.experiment() + " at rung " + d.rung() + " (resource "
          + d.resource() + "): " + d.describe()));
    } else if (outcome instanceof RunOutcome.Failed f) {
      ctx.err.print(f.report());
      ctx.err.flush();
    } else if (outcome instanceof RunOutcome.Interrupted i) {
      ctx.out.println("interrupted: " + i.experiment() + " (SIG" + i.signal() + ")"
          + (i.step() >= 0 ? ", checkpoint at step " + i.step() : ", no checkpoint") + "; run it again to resume");
    } else if (outcome instanceof RunOutcome.Done d) {
      ctx.out.println("done: " + d.experiment() + (d.forced() ? " (forced)" : ""));
    }
  }

  /** The run's warnings, on stderr. */
  private final class Warnings implements RunListener {
    @Override
    public void forced(List<String> problems) {
      ctx.err.println("warning: --force: running " + toml + " despite: " + String.join("; ", problems));
    }

    @Override
    public void notAPoint(String sweep) {
      ctx.err.println("warning: the params in " + toml + " are not a point of sweep '" + sweep + "'");
    }

    @Override
    public void environment(String warning) {
      ctx.err.println("warning: " + toml + " " + warning);
    }

    @Override
    public void noMetrics(Path dir) {
      ctx.err.println("warning: the trainer wrote no " + dev.hyper.runtime.run.ExperimentRun.METRICS_FILE + " in "
          + dir);
    }
  }
}
