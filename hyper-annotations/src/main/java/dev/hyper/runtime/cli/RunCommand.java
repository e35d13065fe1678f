package dev.hyper.runtime.cli;

import dev.hyper.runtime.ExperimentConfig;
import dev.hyper.runtime.ExperimentInfo;
import dev.hyper.runtime.ExperimentRun;
import dev.hyper.runtime.HyperException;
import dev.hyper.runtime.Ids;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "run", description = {
    "Train one experiment: read its TOML (as written by sweep), create its serialization directory,"
        + " and call the sweep's trainer with the params and the experiment.",
    "Exit 1 if training throws."})
final class RunCommand implements Callable<Integer> {
  @Mixin HelpOption help;

  @Parameters(paramLabel = "EXPERIMENT.toml", description = "The experiment's config file.")
  Path toml;

  private final CliContext ctx;

  RunCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws HyperException, IOException {
    if (!Files.isRegularFile(toml)) {
      throw new HyperException("no such experiment file: " + toml);
    }
    return run(ctx.find(ExperimentConfig.sweepName(toml)));
  }

  private <P extends Record> int run(SweepSpec<P> spec) throws HyperException, IOException {
    ExperimentConfig<P> config = ExperimentConfig.load(toml, spec);
    ExperimentInfo info = config.experiment();
    if (!spec.hasTrainer()) {
      throw new HyperException("sweep '" + spec.name() + "' names no trainer: set @Sweep(trainer = ...)");
    }
    String expectedId = Ids.experimentId(spec, config.params());
    if (!expectedId.equals(info.id())) {
      ctx.err.println("warning: the params in " + toml + " are not those of experiment " + info.id()
          + " (their id is " + expectedId + "); was the file edited?");
    }
    Files.createDirectories(info.resolve(info.serializationDir()));
    ExperimentRun experiment = new ExperimentRun(info);
    try {
      Trainer<P> trainer = spec.newTrainer();
      trainer.train(config.params(), experiment);
    } catch (Exception | LinkageError | AssertionError e) {
      ctx.err.println("run failed: " + experiment + ": " + e);
      e.printStackTrace(ctx.err);
      return HyperCli.FAILED;
    }
    ctx.out.println("done: " + experiment);
    return HyperCli.OK;
  }
}
