package dev.hyper.runtime.runner;

import dev.hyper.runtime.Experiment;
import dev.hyper.runtime.ExperimentConfig;
import dev.hyper.runtime.ExperimentInfo;
import dev.hyper.runtime.HalvingSettings;
import dev.hyper.runtime.JavaRuntime;
import dev.hyper.runtime.Provenance;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.halving.Decision;
import dev.hyper.runtime.halving.HalvingRun;
import dev.hyper.runtime.halving.RungFiles;
import dev.hyper.runtime.io.AtomicFiles;
import dev.hyper.runtime.io.Sha256;
import dev.hyper.runtime.launch.ExitCodes;
import dev.hyper.runtime.plan.Layout;
import dev.hyper.runtime.render.Templates;
import dev.hyper.runtime.run.ExperimentRun;
import dev.hyper.runtime.run.StepLog;
import dev.hyper.runtime.run.StopSignals;
import dev.hyper.runtime.shell.ShellQuote;
import dev.hyper.runtime.snapshot.Program;
import dev.hyper.runtime.status.Done;
import dev.hyper.runtime.status.ExperimentStatus;
import dev.hyper.runtime.status.Failed;
import dev.hyper.runtime.status.Interrupted;
import dev.hyper.runtime.status.Markers;
import dev.hyper.runtime.status.RunClaim;
import dev.hyper.runtime.status.RunState;
import dev.hyper.runtime.status.Started;
import dev.hyper.runtime.status.Stopped;
import dev.hyper.runtime.verify.ExperimentChecks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The run protocol of one experiment, all that {@code run EXPERIMENT.toml} does between reading its
 * options and printing:
 *
 * <ol>
 *   <li>a lazy sweep's experiment that is not made yet is made ({@link LazyStart});
 *   <li>the experiment is claimed ({@link RunClaim}) before anything is looked at, so two runs cannot both
 *       pass the checks and train; a claimed one is left alone;
 *   <li>its markers are read: {@code DONE} or {@code STOPPED} is not trained again unless rerun, and one
 *       training on this machine now is refused;
 *   <li>the program this JVM runs and the config are checked ({@link ExperimentChecks}): refused on a
 *       problem unless forced;
 *   <li>a rerun drops its checkpoints, step log and rung records; {@code STARTED} is written, with the
 *       environment's provenance;
 *   <li>the trainer is called ({@link Training}), watched by successive halving ({@link HalvingRun}) when the
 *       sweep has it;
 *   <li>it ends {@code DONE} (with the SHA-256 of {@code metrics.json}), {@code FAILED} (with the end of its
 *       stderr), {@code INTERRUPTED} (a stop signal, {@link StopSignals}, and no metrics) or {@code STOPPED}
 *       (by halving).
 * </ol>
 *
 * <p>How it ended comes back as a {@link RunOutcome} (with the exit code); warnings on the way go to a
 * {@link RunListener}; problems of the input are {@link HyperException}s.
 */
public final class ExperimentRunner {
  /** The sweeps a run may belong to. */
  @FunctionalInterface
  public interface Sweeps {
    /** The sweep named {@code name}; a one-line error if there is none. */
    SweepSpec<?> find(String name) throws HyperException;
  }

  /** Where the program this JVM runs a sweep's code in is found, to check it against the snapshot. */
  @FunctionalInterface
  public interface Programs {
    Program locate(SweepSpec<?> spec) throws HyperException;
  }

  private final Sweeps sweeps;
  private final Programs programs;
  private final List<String> args;

  /**
   * @param args the command's arguments, for the provenance when the OS does not report this process's
   *     command line
   */
  public ExperimentRunner(Sweeps sweeps, Programs programs, List<String> args) {
    this.sweeps = sweeps;
    this.programs = programs;
    this.args = List.copyOf(args);
  }

  /**
   * Runs the experiment of {@code toml}.
   *
   * @throws HyperException when there is no such experiment, its files are wrong, it is being trained on
   *     this machine now, or the checks refuse it
   */
  public RunOutcome run(Path toml, RunOptions options, RunListener listener) throws HyperException, IOException {
    if (Files.isDirectory(toml)) {                   // a lazy invocation's directory and a row it draws
      toml = LazyStart.tomlOfRow(toml, sweeps, options.row());
    }
    if (!Files.isRegularFile(toml)) {
      Optional<RunOutcome> busy = LazyStart.make(toml, sweeps, options.row());
      if (busy.isPresent()) {
        return busy.get();
      }
    }
    return run(sweeps.find(ExperimentConfig.sweepName(toml)), toml, options, listener);
  }

  private <P extends Record> RunOutcome run(SweepSpec<P> spec, Path toml, RunOptions options, RunListener listener)
      throws HyperException, IOException {
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
      return claimed(spec, toml, config, experiment, options, listener);
    } catch (RunClaim.Busy busy) {
      return new RunOutcome.Busy(experiment.toString(), busy.holder());
    }
  }

  /** The run, holding the experiment's claim. */
  private <P extends Record> RunOutcome claimed(SweepSpec<P> spec, Path toml, ExperimentConfig<P> config,
      ExperimentRun experiment, RunOptions options, RunListener listener) throws HyperException, IOException {
    ExperimentInfo info = config.experiment();
    Path dir = experiment.serializationDir();
    Optional<RunOutcome> settled = settled(toml, experiment, options.rerun());
    if (settled.isPresent()) {
      return settled.get();
    }

    Program running = null;
    List<String> problems = new ArrayList<>();
    try {
      running = programs.locate(spec);
      problems.addAll(ExperimentChecks.runningProgram(info, running, Sha256::of));
    } catch (HyperException e) {
      problems.add("the running program cannot be checked against the snapshot: " + e.getMessage());
    }
    problems.addAll(ExperimentChecks.config(spec, config, Templates.load(spec).orElse(null)));
    if (!problems.isEmpty() && !options.force()) {
      throw new HyperException("refusing to run " + toml + ": " + String.join("; ", problems)
          + snapshotHint(toml, info, running) + "; use --force to run anyway");
    }
    if (!problems.isEmpty()) {
      listener.forced(problems);
    }
    if (spec.grid().indexOf(config.params()) < 0) {
      listener.notAPoint(spec.name());
    }

    Markers.clearFinished(dir);
    Optional<HalvingSettings> halving = ExperimentConfig.halving(toml);
    if (options.rerun()) {                           // from scratch: no checkpoint to resume, no old steps
      AtomicFiles.deleteTree(experiment.checkpointDir());
      Files.deleteIfExists(dir.resolve(StepLog.FILE));
      if (halving.isPresent()) {                     // nor its rung records: it is a new run in the search
        new RungFiles(info.root(), info.sweep()).forget(info.id(), info.trial());
      }
    }
    HalvingRun halvingRun = halving.isEmpty() ? null
        : HalvingRun.open(halving.get(), info.root(), info.sweep(), info.id(), info.trial());
    if (halvingRun != null && halvingRun.stopped().isPresent()) {   // decided before this run was killed
      return stopped(dir, experiment, halvingRun.stopped().get(), Provenance.now(), 0, !problems.isEmpty());
    }
    ExperimentRun training = halvingRun == null ? experiment : new ExperimentRun(info, halvingRun);
    Started started = started(info, running, problems, listener);
    Markers.writeStarted(dir, started);

    Training.Result result = Training.call(spec, config.params(), training, experiment.toString());
    double seconds = result.seconds();
    if (result.failed()) {
      Markers.writeFailed(dir, new Failed(Provenance.now(), started.time(), seconds, ExitCodes.FAILED,
          result.errorLines(), problems));
      return new RunOutcome.Failed(experiment.toString(), result.report());
    }
    if (halvingRun != null && halvingRun.stopped().isPresent()) {
      return stopped(dir, experiment, halvingRun.stopped().get(), started.time(), seconds, !problems.isEmpty());
    }
    Path metrics = dir.resolve(ExperimentRun.METRICS_FILE);
    Optional<String> signal = StopSignals.received();
    if (signal.isPresent() && !Files.isRegularFile(metrics)) {   // stopped before it finished
      long step = experiment.latestCheckpoint().map(Experiment.Checkpoint::step).orElse(-1L);
      Markers.writeInterrupted(dir, new Interrupted(Provenance.now(), started.time(), seconds, signal.get(), step));
      return new RunOutcome.Interrupted(experiment.toString(), signal.get(), step);
    }
    String metricsSha = Files.isRegularFile(metrics) ? Sha256.of(metrics) : null;
    if (metricsSha == null) {
      listener.noMetrics(dir);
    }
    Markers.writeDone(dir, new Done(Provenance.now(), started.time(), seconds, metricsSha, problems));
    return new RunOutcome.Done(experiment.toString(), !problems.isEmpty());
  }

  /**
   * What the markers settle before anything else: {@code DONE} or {@code STOPPED} already (unless
   * {@code rerun}); empty when the run goes on.
   *
   * @throws HyperException when a process on this machine trains it now
   */
  private static Optional<RunOutcome> settled(Path toml, ExperimentRun experiment, boolean rerun)
      throws HyperException, IOException {
    Path dir = experiment.serializationDir();
    RunState state = Markers.read(dir);
    if (state.done().isPresent() && !rerun) {
      return Optional.of(new RunOutcome.AlreadyDone(experiment.toString(), state.done().get().time()));
    }
    if (state.status() == ExperimentStatus.STOPPED && !rerun) {
      return Optional.of(new RunOutcome.AlreadyStopped(experiment.toString(),
          Markers.readStopped(dir).map(s -> Integer.toString(s.rung())).orElse("?")));
    }
    if (state.started().isPresent() && state.done().isEmpty() && state.failed().isEmpty()
        && state.status() != ExperimentStatus.STOPPED && state.started().get().isRunningHere()) {
      Started s = state.started().get();
      throw new HyperException(toml + ": " + experiment + " is being trained now by process " + s.pid() + " (since "
          + s.time() + "); wait for it or stop it first");
    }
    return Optional.empty();
  }

  /** For a refusal: how to run the experiment with its own snapshot, when this JVM runs another program. */
  private static String snapshotHint(Path toml, ExperimentInfo info, Program running) throws IOException {
    Path ownJar = info.resolve(info.confDir()).resolve(Layout.SNAPSHOT_FILE);
    return info.snapshot() != null && Files.isRegularFile(ownJar)
        && (running == null || running.classPath().entries().isEmpty()
            || !Files.isSameFile(running.classPath().entries().get(0), ownJar))
        ? " (run it with its snapshot: java -jar " + ShellQuote.word(ownJar.toString()) + " run "
        + ShellQuote.word(toml.toString()) + ")" : "";
  }

  /** The {@code STARTED} marker of this process, with its environment (warned about if the Java differs). */
  private Started started(ExperimentInfo info, Program running, List<String> problems, RunListener listener)
      throws IOException {
    Provenance environment = Provenance.capture(running != null && !running.classPath().entries().isEmpty()
        ? running.classPath().entries().get(0) : null, args);
    JavaRuntime recorded = info.snapshot() == null ? null : info.snapshot().java();
    if (recorded != null && recorded.feature() != JavaRuntime.current().feature()) {
      String warning = "runs on Java " + JavaRuntime.current().version() + " (" + JavaRuntime.current().home()
          + "), the snapshot was made with Java " + recorded.version() + " (" + recorded.home() + ")";
      listener.environment(warning);
      environment = environment.withWarnings(List.of(warning));
    }
    ProcessHandle self = ProcessHandle.current();
    return new Started(info.sweep(), info.id(), info.trial(), Markers.hostName(), self.pid(),
        self.info().startInstant().map(Object::toString).orElse(null),
        info.snapshot() == null ? null : info.snapshot().sha256(), environment, problems);
  }

  /** Marks the experiment {@code STOPPED} at the rung {@code d} decided; {@code forced} by another program. */
  private static RunOutcome stopped(Path dir, ExperimentRun experiment, Decision d, String startedAt, double seconds,
      boolean forced) throws IOException {
    Markers.writeStopped(dir, new Stopped(Provenance.now(), startedAt, seconds, d.rung(), d.resource(), d.metric(),
        d.value(), d.cutoff()), forced);
    return new RunOutcome.Stopped(experiment.toString(), d);
  }
}
