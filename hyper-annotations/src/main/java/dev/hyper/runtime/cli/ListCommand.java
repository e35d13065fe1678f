package dev.hyper.runtime.cli;

import dev.hyper.runtime.SweepSpec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", description = "List the sweeps this jar declares: name, params record, size, template.")
final class ListCommand implements Callable<Integer> {
  @Mixin HelpOption help;

  private final CliContext ctx;

  ListCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (ctx.specs.isEmpty()) {
      ctx.out.println("this jar declares no sweeps");
      return HyperCli.OK;
    }
    for (SweepSpec<?> s : ctx.specs) {
      ctx.out.println(s.name() + "  " + s.type().getName() + "  " + Describe.size(s) + "  template "
          + s.template().orElse("(none)"));
    }
    return HyperCli.OK;
  }
}
