package dev.hyper.runtime.cli;

import dev.hyper.runtime.HyperException;
import dev.hyper.runtime.Param;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.jsonnet.JsonnetTemplate;
import dev.hyper.runtime.jsonnet.TemplateParam;
import dev.hyper.runtime.check.TemplateCheck;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "show", description = "Show one sweep: its axes (with jsonnet names and values), template and"
    + " the template's parameters, trials, SLURM settings and size.")
final class ShowCommand implements Callable<Integer> {
  @Mixin HelpOption help;

  @Parameters(paramLabel = "SWEEP", description = "The sweep's name (see list).")
  String sweep;

  @Mixin OverrideOptions overrides;

  private final CliContext ctx;

  ShowCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws HyperException, java.io.IOException {
    SweepSpec<?> s = overrides.apply(ctx.find(sweep));
    ctx.out.println("sweep " + s.name() + " (" + s.type().getName() + ")");
    ctx.out.println("axes:");
    for (Param<?> p : s.grid().params()) {
      ctx.out.println("  " + p.component() + " -> " + p.tla() + " (" + p.kind().name().toLowerCase() + ", "
          + (p.distribution().isPresent() ? "sampled" : p.values().size()) + "): " + Describe.values(p));
    }
    ctx.out.println("points: " + s.grid().describe());
    ctx.out.println("template: " + s.template().orElse("(none: the JSON config holds the params)"));
    Optional<JsonnetTemplate> template = TemplateCheck.load(s);
    template.ifPresent(t -> ctx.out.println("  parameters: "
        + t.parameters().stream().map(TemplateParam::toString).collect(Collectors.joining(", "))));
    ctx.out.println("trials: " + s.trials());
    ctx.out.println("slurm: " + Describe.slurm(s.slurm()));
    ctx.out.println("size: " + Describe.size(s));
    ctx.out.println("trainer: " + (s.hasTrainer() ? "yes" : "(none: run refuses)"));
    return HyperCli.OK;
  }
}
