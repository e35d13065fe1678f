package dev.hyper.runtime.cli;

import dev.hyper.runtime.ExperimentConfig;
import dev.hyper.runtime.ExperimentInfo;
import dev.hyper.runtime.Provenance;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.Trainer;
import dev.hyper.runtime.JavaRuntime;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.halving.Decision;
import dev.hyper.runtime.halving.HalvingRun;
import dev.hyper.runtime.plan.Layout;
import dev.hyper.runtime.render.Templates;
import dev.hyper.runtime.run.ExperimentRun;
import dev.hyper.runtime.shell.ShellQuote;
import dev.hyper.runtime.snapshot.Program;
import dev.hyper.runtime.status.Done;
import dev.hyper.runtime.Experiment;
import dev.hyper.runtime.status.Failed;
import dev.hyper.runtime.status.Interrupted;
import dev.hyper.runtime.status.Markers;
import dev.hyper.runtime.status.RunClaim;
import dev.hyper.runtime.status.RunState;
import dev.hyper.runtime.status.Started;
import dev.hyper.runtime.io.Sha256;
import dev.hyper.runtime.text.Printable;
import dev.hyper.runtime.verify.ExperimentChecks;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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

  @Parameters(paramLabel = "EXPERIMENT.toml", description = "The experiment's config file.")
  Path toml;

  @Option(names = "--force", description = "Train even if the checks fail; the overridden problems are recorded in"
      + " the markers (forced = [...]) and printed as a warning.")
  boolean force;

  @Option(names = "--row", paramLabel = "K", description = "For a lazy sweep's experiment that is not made yet:"
      + " its row in the sweep's manifest, which its task line passes, so that run finds the row at once rather"
      + " than reading the manifest up to it (a row of another experiment is ignored).")
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
    if (!Files.isRegularFile(toml)) {
      int made = makeLazy();
      if (made != MADE) {
        return made;
      }
    }
    return run(ctx.find(ExperimentConfig.sweepName(toml)));
  }

  /** What {@link #makeLazy} returns when the TOML is there now. */
  private static final int MADE = -1;

  /**
   * Makes the experiment of the TOML, which is not there, if it belongs to a lazy sweep, holding its claim so
   * that two tasks never make it at once: {@link #MADE} when the TOML is there now, {@link HyperCli#BUSY} when
   * another run holds the claim.
   *
   * @throws HyperException "no such experiment file" when no lazy sweep's manifest lists it
   */
  private int makeLazy() throws HyperException, IOException {
    HyperException none = new HyperException("no such experiment file: " + toml);
    Path root = Layout.rootOf(toml);
    Path trialDir = toml.toAbsolutePath().normalize().getParent();
    if (root == null || Files.exists(trialDir)) {
      throw none;
    }
    String sweep = trialDir.getParent().getParent().getFileName().toString();
    if (ctx.specs.stream().noneMatch(s -> s.name().equals(sweep))
        || !dev.hyper.runtime.manifest.ManifestFile.read(root, sweep).map(m -> m.anyLazy()).orElse(false)) {
      throw none;
    }
    SweepSpec<?> spec = ctx.find(sweep);
    Path serialization = root.resolve(Layout.serializationDir(sweep, trialDir.getParent().getFileName().toString(),
        Integer.parseInt(trialDir.getFileName().toString())));
    Files.createDirectories(serialization);
    try (RunClaim claim = RunClaim.claim(serialization)) {
      if (!Files.isRegularFile(toml)
          && !dev.hyper.runtime.store.LazyExperiment.make(toml, spec, Templates.load(spec).orElse(null), row)) {
        throw none;
      }
      return MADE;
    } catch (RunClaim.Busy busy) {
      ctx.err.println(Printable.escape("not running " + toml + ": it is claimed by " + busy.holder()
          + "; nothing done"));
      return HyperCli.BUSY;
    }
  }

  private <P extends Record> int run(SweepSpec<P> spec) throws HyperException, IOException {
    ExperimentConfig<P> config = ExperimentConfig.load(toml, spec);
    ExperimentInfo info = config.experiment();
    if (!spec.hasTrainer()) {
      throw new HyperException(spec.noTrainer());
    }
    ExperimentRun experiment = new ExperimentRun(info);
    Path dir = experiment.serializationDir();
    Files.createDirectories(dir);
    // claimed before anything is looked at, so two runs cannot both pass the checks and train
    try (RunClaim claim = RunClaim.claim(dir)) {
      return claimed(spec, config, experiment);
    } catch (RunClaim.Busy busy) {
      ctx.err.println(Printable.escape("not running " + toml + ": " + experiment + " is claimed by " + busy.holder()
          + "; nothing done"));
      return HyperCli.BUSY;
    }
  }

  /** The run, holding the experiment's claim. */
  private <P extends Record> int claimed(SweepSpec<P> spec, ExperimentConfig<P> config, ExperimentRun experiment)
      throws HyperException, IOException {
    ExperimentInfo info = config.experiment();
    Path dir = experiment.serializationDir();
    RunState state = Markers.read(dir);
    if (state.done().isPresent() && !rerun) {
      ctx.out.println("already done: " + experiment + " (DONE " + state.done().get().time()
          + "); nothing to do, use --rerun to train it again");
      return HyperCli.OK;
    }
    if (state.status() == dev.hyper.runtime.status.ExperimentStatus.STOPPED && !rerun) {
      ctx.out.println("already stopped: " + experiment + " (STOPPED at rung "
          + Markers.readStopped(dir).map(s -> Integer.toString(s.rung())).orElse("?")
          + " by successive halving); nothing to do, use --rerun to train it again");
      return HyperCli.OK;
    }
    if (state.started().isPresent() && state.done().isEmpty() && state.failed().isEmpty()
        && state.status() != dev.hyper.runtime.status.ExperimentStatus.STOPPED && state.started().get().isRunningHere()) {
      Started s = state.started().get();
      throw new HyperException(toml + ": " + experiment + " is being trained now by process " + s.pid() + " (since "
          + s.time() + "); wait for it or stop it first");
    }

    Program running = null;
    List<String> problems = new ArrayList<>();
    try {
      running = ctx.locator.locate(spec);
      problems.addAll(ExperimentChecks.runningProgram(info, running, Sha256::of));
    } catch (HyperException e) {
      problems.add("the running program cannot be checked against the snapshot: " + e.getMessage());
    }
    problems.addAll(ExperimentChecks.config(spec, config, Templates.load(spec).orElse(null)));
    if (!problems.isEmpty() && !force) {
      Path ownJar = info.resolve(info.confDir()).resolve(Layout.SNAPSHOT_FILE);
      String hint = info.snapshot() != null && Files.isRegularFile(ownJar)
          && (running == null || running.classPath().entries().isEmpty()
              || !Files.isSameFile(running.classPath().entries().get(0), ownJar))
          ? " (run it with its snapshot: java -jar " + ShellQuote.word(ownJar.toString()) + " run "
          + ShellQuote.word(toml.toString()) + ")" : "";
      throw new HyperException("refusing to run " + toml + ": " + String.join("; ", problems) + hint
          + "; use --force to run anyway");
    }
    if (!problems.isEmpty()) {
      ctx.err.println("warning: --force: running " + toml + " despite: " + String.join("; ", problems));
    }
    if (spec.grid().indexOf(config.params()) < 0) {
      ctx.err.println("warning: the params in " + toml + " are not a point of sweep '" + spec.name() + "'");
    }

    Markers.clearFinished(dir);
    java.util.Optional<dev.hyper.runtime.HalvingSettings> halving = ExperimentConfig.halving(toml);
    if (rerun) {                                     // from scratch: no checkpoint to resume, no old steps
      dev.hyper.runtime.io.AtomicFiles.deleteTree(experiment.checkpointDir());
      Files.deleteIfExists(dir.resolve(dev.hyper.runtime.run.StepLog.FILE));
      if (halving.isPresent()) {                     // nor its rung records: it is a new run in the search
        new dev.hyper.runtime.halving.RungFiles(info.root(), info.sweep()).forget(info.id(), info.trial());
      }
    }
    HalvingRun halvingRun = halving.isEmpty() ? null
        : HalvingRun.open(halving.get(), info.root(), info.sweep(), info.id(), info.trial());
    if (halvingRun != null && halvingRun.stopped().isPresent()) {   // decided before this run was killed
      stopped(dir, experiment, halvingRun.stopped().get(), Provenance.now(), 0);
      return HyperCli.OK;
    }
    ExperimentRun training = halvingRun == null ? experiment : new ExperimentRun(info, halvingRun);
    Provenance environment = Provenance.capture(running != null && !running.classPath().entries().isEmpty()
        ? running.classPath().entries().get(0) : null, ctx.args);
    JavaRuntime recorded = info.snapshot() == null ? null : info.snapshot().java();
    if (recorded != null && recorded.feature() != JavaRuntime.current().feature()) {
      String warning = "runs on Java " + JavaRuntime.current().version() + " (" + JavaRuntime.current().home()
          + "), the snapshot was made with Java " + recorded.version() + " (" + recorded.home() + ")";
      ctx.err.println("warning: " + toml + " " + warning);
      environment = environment.withWarnings(List.of(warning));
    }
    ProcessHandle self = ProcessHandle.current();
    Started started = new Started(info.sweep(), info.id(), info.trial(), Markers.hostName(), self.pid(),
        self.info().startInstant().map(Object::toString).orElse(null),
        info.snapshot() == null ? null : info.snapshot().sha256(), environment, problems);
    Markers.writeStarted(dir, started);
    long t0 = System.nanoTime();

    ErrorTail tail = new ErrorTail();
    PrintStream originalErr = System.err;
    System.setErr(new PrintStream(tail.tee(originalErr), true, StandardCharsets.UTF_8));
    Throwable failure = null;
    dev.hyper.runtime.run.StopSignals.holdWarnings();
    try {
      Trainer<P> trainer = spec.newTrainer();
      trainer.train(config.params(), training);
    } catch (Exception | Error e) {
      failure = e;
    } finally {
      System.err.flush();
      System.setErr(originalErr);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (failure != null) {
      StringWriter trace = new StringWriter();
      PrintWriter w = new PrintWriter(trace);
      w.println("run failed: " + experiment + ": " + failure);
      trimToTrainer(failure);
      failure.printStackTrace(w);
      w.flush();
      ctx.err.print(trace);
      ctx.err.flush();
      tail.append(trace.toString());
      Markers.writeFailed(dir, new Failed(Provenance.now(), started.time(), seconds, HyperCli.FAILED, tail.lines(),
          problems));
      return HyperCli.FAILED;
    }
    if (halvingRun != null && halvingRun.stopped().isPresent()) {
      stopped(dir, experiment, halvingRun.stopped().get(), started.time(), seconds);
      return HyperCli.OK;
    }
    Path metrics = dir.resolve(ExperimentRun.METRICS_FILE);
    java.util.Optional<String> signal = dev.hyper.runtime.run.StopSignals.received();
    if (signal.isPresent() && !Files.isRegularFile(metrics)) {   // stopped before it finished
      long step = experiment.latestCheckpoint().map(Experiment.Checkpoint::step).orElse(-1L);
      Markers.writeInterrupted(dir, new Interrupted(Provenance.now(), started.time(), seconds, signal.get(), step));
      ctx.out.println("interrupted: " + experiment + " (SIG" + signal.get() + ")"
          + (step >= 0 ? ", checkpoint at step " + step : ", no checkpoint") + "; run it again to resume");
      return HyperCli.INTERRUPTED;
    }
    String metricsSha = Files.isRegularFile(metrics) ? Sha256.of(metrics) : null;
    if (metricsSha == null) {
      ctx.err.println("warning: the trainer wrote no " + ExperimentRun.METRICS_FILE + " in " + dir);
    }
    Markers.writeDone(dir, new Done(Provenance.now(), started.time(), seconds, metricsSha, problems));
    ctx.out.println("done: " + experiment + (problems.isEmpty() ? "" : " (forced)"));
    return HyperCli.OK;
  }

  /** Marks the experiment {@code STOPPED} at the rung {@code d} decided, and says so. */
  private void stopped(Path dir, ExperimentRun experiment, Decision d, String startedAt, double seconds)
      throws IOException {
    Markers.writeStopped(dir, new dev.hyper.runtime.status.Stopped(Provenance.now(), startedAt, seconds, d.rung(),
        d.resource(), d.metric(), d.value(), d.cutoff()));
    ctx.out.println(Printable.escape("stopped: " + experiment + " at rung " + d.rung() + " (resource " + d.resource()
        + "): " + d.describe()));
  }

  /**
   * Cuts the stack traces of {@code t} and its causes below this command (picocli, the launcher): what is
   * left is the trainer's part, which is what the FAILED marker's last lines should show.
   */
  private static void trimToTrainer(Throwable t) {
    java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Throwable x = t; x != null && seen.add(x); x = x.getCause()) {
      StackTraceElement[] trace = x.getStackTrace();
      for (int i = 0; i < trace.length; i++) {
        if (trace[i].getClassName().equals(RunCommand.class.getName())) {
          x.setStackTrace(java.util.Arrays.copyOf(trace, i));
          break;
        }
      }
    }
  }
}
