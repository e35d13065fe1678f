package dev.hyper.runtime.cli;

import dev.hyper.runtime.Param;
import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.error.HyperException;
import dev.hyper.runtime.jsonnet.JsonnetTemplate;
import dev.hyper.runtime.jsonnet.TemplateParam;
import dev.hyper.runtime.check.TemplateCheck;
import dev.hyper.runtime.render.Templates;
import dev.hyper.runtime.text.Printable;
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
    line("sweep " + s.name() + " (" + s.type().getName() + ")");
    line("axes:");
    for (Param<?> p : s.grid().params()) {
      line("  " + p.component() + " -> " + p.tla() + " (" + p.kind().name().toLowerCase() + ", "
          + (p.distribution().isPresent() ? "sampled" : p.values().size()) + "): " + Describe.values(p));
    }
    line("points: " + s.grid().describe());
    line("template: " + s.template().orElse("(none: the JSON config holds the params)"));
    Optional<JsonnetTemplate> template = Templates.load(s);
    if (template.isPresent()) {
      TemplateCheck.require(s, template.get());
    }
    template.ifPresent(t -> line("  parameters: "
        + t.parameters().stream().map(TemplateParam::toString).collect(Collectors.joining(", "))));
    line("trials: " + s.trials());
    line("slurm: " + Describe.slurm(s.slurm()));
    line("size: " + Describe.size(s));
    s.halving().ifPresent(h -> line("successive halving: " + h));
    line("trainer: " + (s.hasTrainer() ? "yes" : "(none: run refuses)"));
    return HyperCli.OK;
  }

  private void line(String text) {
    ctx.out.println(Printable.escape(text));
  }
}
