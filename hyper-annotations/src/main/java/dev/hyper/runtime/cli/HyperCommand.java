package dev.hyper.runtime.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The top-level command: only subcommands do something. */
@Command(name = "java -jar model.jar",
    description = "Reproducible hyper-parameter sweeps: list and show the sweeps this jar declares, write"
        + " one directory per experiment (sweep), train one experiment (run), check experiments against their"
        + " snapshot (verify) and see what a sweep found (results); run a sweep's experiments on this machine"
        + " (exec) or as SLURM job arrays (submit), and see where they are (status).",
    synopsisSubcommandLabel = "COMMAND",
    footer = {"", "Exit codes: 0 ok, 1 a run or write failed or verify found a difference, 2 bad input or run refused.",
        "Run 'java -jar model.jar COMMAND --help' for a command's options."})
final class HyperCommand implements Callable<Integer> {
  @Mixin HelpOption help;

  private final CliContext ctx;

  HyperCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ctx.err.println("no command given: use list, show, sweep, run, verify, results, exec, submit or status (see --help)");
    return HyperCli.BAD_INPUT;
  }
}
