package dev.hyper.runtime.cli;

import dev.hyper.runtime.HyperException;
import dev.hyper.runtime.Provenance;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.jsonnet.JsonnetTemplate;
import dev.hyper.runtime.plan.PlannedExperiment;
import dev.hyper.runtime.plan.SweepPlanner;
import dev.hyper.runtime.render.ExperimentRenderer;
import dev.hyper.runtime.check.TemplateCheck;
import dev.hyper.runtime.store.SweepMaterializer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sweep", description = {
    "Write one directory per experiment (grid point x trial) and a jobs script.",
    "Layout under DIR:",
    "  config/generated/SWEEP/ID/TRIAL/{ID.json, ID.toml, model.jar}",
    "  model/generated/SWEEP/ID/TRIAL/   (empty, for training output)",
    "  SWEEP-jobs.sh                     (one line per experiment)",
    "model.jar is a hard link to one stored copy of this jar. Existing identical experiments are"
        + " skipped; an existing experiment with other content is an error. Nothing is written if"
        + " any experiment fails to render."})
final class SweepCommand implements Callable<Integer> {
  @Mixin HelpOption help;

  @Parameters(paramLabel = "SWEEP", description = "The sweep's name (see list).")
  String sweep;

  @Option(names = "--out", paramLabel = "DIR", description = "Output directory (default: the current directory).")
  Path out;

  @Option(names = "--dry-run", description = "Print each experiment (index, id, trial, params) and the count;"
      + " write nothing.")
  boolean dryRun;

  @Option(names = "--slurm", description = "Make the jobs script submit each experiment with sbatch, using the"
      + " sweep's SLURM settings, and write the job array SWEEP.sbatch with its task list (see submit).")
  boolean slurm;

  @Mixin OverrideOptions overrides;

  @Option(names = "--jar", hidden = true, paramLabel = "FILE",
      description = "Snapshot this jar instead of the running one (for tests).")
  Path jar;

  private final CliContext ctx;

  SweepCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws HyperException, IOException {
    return run(overrides.apply(ctx.find(sweep)));
  }

  private <P extends Record> int run(SweepSpec<P> spec) throws HyperException, IOException {
    Path root = (out != null ? out : Path.of("")).toAbsolutePath().normalize();
    JsonnetTemplate template = TemplateCheck.load(spec).orElse(null); // the processor's checks, on the jar's template
    if (dryRun) {
      return dryRun(spec, template, root);
    }
    Path snapshot = jar != null ? jar : ctx.locator.locate(spec);
    SweepMaterializer.Result r = new SweepMaterializer().materialize(spec, template, root, snapshot, slurm,
        Provenance.capture(snapshot, ctx.args));
    ctx.out.println("sweep " + spec.name() + ": " + r.experiments().size() + " experiments, " + r.written()
        + " written, " + r.skipped() + " already there, under " + root);
    ctx.out.println("jobs script: " + r.jobsScript());
    if (slurm) { // the job array over the same experiments; 'submit' submits what is not done
      dev.hyper.runtime.slurm.SlurmFiles.write(root, spec.name(), spec.slurm());
      ctx.out.println("job array: " + root.resolve(dev.hyper.runtime.slurm.SlurmFiles.script(spec.name())));
    }
    return HyperCli.OK;
  }

  private <P extends Record> int dryRun(SweepSpec<P> spec, JsonnetTemplate template, Path root)
      throws HyperException {
    List<PlannedExperiment<P>> plan = new SweepPlanner().plan(spec, root, null);
    ExperimentRenderer<P> renderer = ExperimentRenderer.of(spec, template);
    for (PlannedExperiment<P> e : plan) {
      renderer.render(e);
      ctx.out.println(e.index() + "  " + e.info().id() + "  " + e.info().trial() + "  "
          + e.tlas().stream().map(Object::toString).collect(Collectors.joining(" ")));
    }
    ctx.out.println(plan.size() + " experiments (" + spec.grid().size() + " points x " + spec.trials()
        + " trials); dry run, nothing written");
    return HyperCli.OK;
  }
}
