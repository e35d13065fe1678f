package dev.hyper.runtime.cli;

import dev.hyper.runtime.Provenance;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.launch.LaunchCommand;
import dev.hyper.runtime.snapshot.Program;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.jsonnet.JsonnetTemplate;
import dev.hyper.runtime.plan.PlannedExperiment;
import dev.hyper.runtime.plan.SweepPlanner;
import dev.hyper.runtime.render.ExperimentRenderer;
import dev.hyper.runtime.render.Templates;
import dev.hyper.runtime.slurm.SlurmValues;
import dev.hyper.runtime.store.ExperimentStore;
import dev.hyper.runtime.store.SweepMaterializer;
import dev.hyper.runtime.text.ProgressLine;
import dev.hyper.runtime.text.Printable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import dev.hyper.runtime.results.Ranking;
import dev.hyper.runtime.search.NextPoints;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sweep", description = {
    "Write one directory per experiment (grid point x trial) and a jobs script.",
    "Layout under DIR:",
    "  config/generated/SWEEP/ID/TRIAL/{ID.json, ID.toml, model.jar}",
    "  model/generated/SWEEP/ID/TRIAL/   (empty, for training output)",
    "  SWEEP-manifest.tsv                (the one record of the directory's experiments: one row each,"
        + " with its id, trial, params and TOML; and one block per sweep into the directory)",
    "  SWEEP-jobs.sh                     (line k runs row k)",
    "  SWEEP-slurm-tasks.tsv             (line k is array task k: row k)",
    "A later sweep into the same directory, with more values, more trials or other --set, adds the"
        + " experiments the manifest does not list yet and keeps the others as they are: no row, jobs line or"
        + " task number moves, and narrowing deletes nothing. A changed record or template is an error (exit 2)"
        + " unless --force.",
    "model.jar is a hard link to one stored copy of this jar (one more copy per 65,000 experiments on"
        + " ext4, which allows no more links to a file). Each experiment appears whole or not at"
        + " all (written under a temporary name, then renamed), so a killed sweep can simply be run again:"
        + " the experiments it wrote are listed by the next run, missing ones are written, and the listings"
        + " are replaced together. An experiment directory there but not listed, with other content, is an"
        + " error (exit 2) unless --force. If a point fails to render or a write fails, the experiments this run"
        + " wrote are removed again. One sweep at a time per output directory (lock file DIR/.hyper.lock).",
    "The sweep runs in a second JVM started with the quick JIT compiler only and a class-data archive"
        + " (recorded by the first sweep of a jar in $XDG_CACHE_HOME/hyper/cds or ~/.cache/hyper/cds);"
        + " -Dhyper.fork=false before -jar keeps it in this one."})
final class SweepCommand implements Callable<Integer> {
  @Mixin HelpOption help;

  @Parameters(paramLabel = "SWEEP", description = "The sweep's name (see list).")
  String sweep;

  @Mixin OutOption output;

  @Option(names = "--dry-run", description = "Print each experiment (index, id, trial, params) and the count;"
      + " write nothing.")
  boolean dryRun;

  @Option(names = "--slurm", description = "Make the jobs script submit each experiment with sbatch, using the"
      + " sweep's SLURM settings, and write the job array SWEEP.sbatch with its task list (see submit).")
  boolean slurm;

  @Mixin OverrideOptions overrides;

  @Option(names = "--force", description = "Render every planned experiment again and replace those that exist"
      + " with other content (also those the manifest lists, which are otherwise kept as they are), and start a"
      + " new manifest over one of a changed record or template. A replaced experiment's markers"
      + " and outputs move to .replaced-TIME/ in its serialization directory (with its old TOML, JSON and"
      + " snapshot hash), so it is pending again. An experiment that is running (claimed by a run, or STARTED"
      + " by a live process) or queued (in SLURM, or by a running jobs script) is not replaced: exit 2.")
  boolean force;

  @Option(names = "--wait", description = "If another sweep is writing to the output directory, wait for it to"
      + " finish instead of failing.")
  boolean waitForLock;

  @Option(names = "--lazy", description = "Write no experiment directories: list the experiments (manifest, jobs"
      + " script, SLURM task list) and let each task make its own when it starts, from the sweep's one prototype"
      + " (config/generated/SWEEP/.lazy/N). For sweeps too big to write up front; the default of @Sweep(lazy = true).")
  boolean lazy;

  @Option(names = "--eager", description = "Write every experiment directory now, even for a sweep declared"
      + " @Sweep(lazy = true).")
  boolean eager;

  @Option(names = "--threads", paramLabel = "N", description = "Threads that render experiments, each with its"
      + " own copy of the template (default: the number of cores, ${DEFAULT-VALUE}); the main thread writes.")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(names = "--jar", hidden = true, paramLabel = "FILE",
      description = "Snapshot this jar and its manifest's Class-Path instead of the running program (for tests).")
  Path jar;

  @Option(names = "--next", paramLabel = "N", description = "Instead of the declared points, add N points that a"
      + " tree-structured Parzen estimator (TPE) proposes from the experiments of the directory: those DONE with the"
      + " metric, the others as points taken. Deterministic for the same directory. Fewer than 10 finished give"
      + " random-search points. The space is the record's (after sweep files and --set).")
  Integer next;

  @Option(names = "--metric", paramLabel = "KEY", description = "With --next: the metric to learn from (default:"
      + " @Sweep(metric), else best_validation_accuracy).")
  String metric;

  @Option(names = "--goal", paramLabel = "min|max", description = "With --next: whether smaller or larger values"
      + " of the metric are better (default: @Sweep(goal)).")
  String goal;

  private final CliContext ctx;

  /** The proposal of --next for {@code spec}, with the options checked. */
  private <P extends Record> NextPoints.Proposal<P> proposal(SweepSpec<P> spec, Path root)
      throws HyperException, IOException {
    if (next < 1 || next > 100_000) {
      throw new HyperException("sweep: --next must be 1 to 100000, was " + next);
    }
    if (goal != null && !goal.equals("min") && !goal.equals("max")) {
      throw new HyperException("sweep: --goal must be min or max, found '" + goal + "'");
    }
    return NextPoints.propose(spec, ctx.find(spec.name()), root, Ranking.of(spec, metric, goal), next);
  }

  SweepCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws HyperException, IOException {
    SweepSpec<?> declared = ctx.find(sweep);
    return run(overrides.apply(declared), overrides.describe(declared));
  }

  private <P extends Record> int run(SweepSpec<P> declared, List<String> declaredOverrides)
      throws HyperException, IOException {
    Path root = output.root();
    SweepSpec<P> spec = declared;
    List<String> applied = declaredOverrides;
    if (next != null) {                                 // the points a model proposes instead of the declared ones
      NextPoints.Proposal<P> p = proposal(spec, root);
      ctx.out.println(Printable.escape("sweep " + spec.name() + ": " + p.describe(next) + ": "
          + p.points().size() + (p.points().size() == 1 ? " point" : " points")));
      if (p.points().isEmpty()) {
        ctx.out.println("sweep " + spec.name() + ": every point of the space is taken; nothing to add");
        return HyperCli.OK;
      }
      applied = new java.util.ArrayList<>(applied);
      applied.add(p.describe(next));
      spec = spec.with(spec.grid().ofPoints(p.points()), spec.trials(), spec.slurm(), spec.jvmArgs());
    }
    return write(spec, applied, root);
  }

  private <P extends Record> int write(SweepSpec<P> spec, List<String> applied, Path root)
      throws HyperException, IOException {
    if (threads < 1 || threads > SweepMaterializer.Options.maxThreads()) {
      throw new HyperException("--threads must be between 1 and " + SweepMaterializer.Options.maxThreads() + " ("
          + SweepMaterializer.Options.THREADS_PER_CORE + " per core, " + Runtime.getRuntime().availableProcessors()
          + " cores here), was " + threads);
    }
    if (slurm) {
      SlurmValues.check(spec.slurm());
    }
    if (lazy && eager) {
      throw new HyperException("sweep: --lazy and --eager exclude each other");
    }
    if (dryRun) {
      return dryRun(spec, Templates.load(spec).orElse(null), root);
    }
    LaunchCommand.check(spec.jvmArgs());
    Program program = (jar != null ? Program.ofJar(jar) : ctx.locator.locate(spec)).withDigests(ctx.digests);
    program.classPath().missing().forEach(m -> ctx.err.println("warning: the class path entry " + m
        + " does not exist; the JVM skips it, and so does the snapshot"));
    SweepMaterializer.Result r;
    long experiments = spec.grid().size() * spec.trials();
    try (ProgressLine progress = ProgressLine.of(ctx.err, "sweep " + spec.name(), experiments)) {
      r = new SweepMaterializer(progress::step).materialize(spec, () -> Templates.load(spec).orElse(null),
          root, program, new SweepMaterializer.Options(slurm, force, waitForLock, threads,
              Provenance.capture(program.gitSource(), ctx.args, ctx.userProcess).withOverrides(applied))
              .withInUse(force ? inUse(root, spec.name()) : ExperimentStore.InUse.CLAIM_ONLY)
              .withLazy(!eager && (lazy || spec.lazy())).withDeclared(ctx.find(spec.name())));
    }
    if (r.lazyDir() != null) {
      ctx.out.println("sweep " + spec.name() + ": " + r.experiments() + " experiments, " + r.added()
          + " listed for their tasks to make (lazy, from " + root.resolve(r.lazyDir()) + "), " + r.skipped()
          + " already listed, under " + root);
    } else {
      ctx.out.println("sweep " + spec.name() + ": " + r.experiments() + " experiments, " + r.written()
          + " written, " + r.skipped() + " already there" + (r.replaced() > 0 ? ", " + r.replaced() + " replaced" : "")
          + ", under " + root);
    }
    if (r.listed() != r.added()) {
      ctx.out.println("the manifest lists " + r.listed() + " experiments: " + (r.listed() - r.added())
          + " from earlier sweeps, " + r.added() + " new");
    }
    if (r.otherProgram()) {
      ctx.err.println("note: the experiments listed before keep the program they were swept with, which is not"
          + " this one; --force replaces those that differ");
    }
    ctx.out.println("jobs script: " + r.jobsScript());
    ctx.out.println("manifest: " + r.manifest());
    if (slurm) { // the job array over the same experiments; 'submit' submits what is not done
      dev.hyper.runtime.slurm.SlurmFiles.write(root, spec.name(), ctx.declared(spec.name()), spec.slurm(), launches(spec, root));
      ctx.out.println("job array: " + root.resolve(dev.hyper.runtime.slurm.SlurmFiles.script(spec.name())));
    }
    return HyperCli.OK;
  }

  /**
   * The experiments of {@code sweep} under {@code root} that are running or queued now, as exec and status
   * see them (the markers, SLURM's queue, a running jobs script): --force replaces none of them.
   */
  private ExperimentStore.InUse inUse(Path root, String sweep) throws IOException, HyperException {
    Map<Path, String> busy = new HashMap<>();
    SweepOverview overview = SweepOverview.scan(root, sweep, ctx.declared(sweep), new dev.hyper.runtime.slurm.SlurmClient(), false, e -> {
      if (e.state() == SweepOverview.State.RUNNING || e.state() == SweepOverview.State.QUEUED) {
        busy.put(e.task().confPath(), (e.state() == SweepOverview.State.RUNNING ? "is running (" : "is queued (")
            + e.note() + ")");
      }
    });
    String unknown = overview.queueProblem == null ? null
        : "may be queued in SLURM, which cannot be asked (" + overview.queueProblem + ")";
    return info -> busy.getOrDefault(info.confPath(), unknown);
  }

  /** Each task's launch command ({@link dev.hyper.runtime.exec.TaskLaunches}), for the SLURM task list. */
  static dev.hyper.runtime.slurm.SlurmFiles.Launches launches(SweepSpec<?> spec, Path root) {
    return new dev.hyper.runtime.exec.TaskLaunches(spec, root)::of;
  }

  /** The index of the first point whose id is {@code id} (planned again: a collision is rare). */
  private static <P extends Record> long firstWithId(SweepSpec<P> spec, Path root, String id) throws HyperException {
    for (Iterator<PlannedExperiment<P>> it = new SweepPlanner().stream(spec, root, null); it.hasNext(); ) {
      PlannedExperiment<P> e = it.next();
      if (e.info().id().equals(id)) {
        return e.index();
      }
    }
    return -1;
  }

  private <P extends Record> int dryRun(SweepSpec<P> spec, JsonnetTemplate template, Path root)
      throws HyperException {
    ExperimentRenderer<P> renderer = ExperimentRenderer.of(spec, template);
    dev.hyper.runtime.plan.IdSet ids = new dev.hyper.runtime.plan.IdSet();
    long count = 0;
    for (Iterator<PlannedExperiment<P>> it = new SweepPlanner().stream(spec, root, null); it.hasNext(); count++) {
      PlannedExperiment<P> e = it.next();
      if (e.info().trial() == 0 && !ids.add(e.info().id())) {
        throw new HyperException("sweep '" + spec.name() + "': points " + firstWithId(spec, root, e.info().id())
            + " and " + e.index() + " have the same id " + e.info().id());
      }
      renderer.render(e);
      ctx.out.println(Printable.escape(e.index() + "  " + e.info().id() + "  " + e.info().trial() + "  "
          + e.tlas().stream().map(Object::toString).collect(Collectors.joining(" "))));
    }
    ctx.out.println(count + " experiments (" + spec.grid().size() + " points x " + spec.trials()
        + (spec.trials() == 1 ? " trial" : " trials") + "); dry run, nothing written");
    return HyperCli.OK;
  }
}
