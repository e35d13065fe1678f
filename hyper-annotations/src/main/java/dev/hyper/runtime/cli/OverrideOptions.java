package dev.hyper.runtime.cli;

import dev.hyper.runtime.SweepSpec;
import dev.hyper.runtime.sweepfile.Override;
import dev.hyper.runtime.sweepfile.Overrides;
import dev.hyper.runtime.sweepfile.SetArgument;
import dev.hyper.runtime.sweepfile.SweepFile;
import dev.hyper.runtime.sweepfile.SweepFileException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --config FILE.toml} and {@code --set KEY=V1,V2}: change a sweep's axes for one run, without a rebuild. */
final class OverrideOptions {
  @Option(names = "--config", paramLabel = "FILE.toml", description = {
      "A sweep file in the seed's format (model, n_trials, [slurm], [hyper], [params]) that replaces or"
          + " narrows the record's axes; keys by jsonnet name, component name or \"params.NAME\"."
          + " Applied before --set; may be repeated."})
  List<Path> configs = new ArrayList<>();

  @Option(names = "--set", paramLabel = "KEY=V1,V2", description = {
      "Sweep KEY over a comma list, or fix it with one value (e.g. --set hidden_dim=128,256 --set lr=1e-3);"
          + " also n_trials=N, slurm.KEY=VALUE, halving.min|max|reduction=N and search.seed|samples=N. Applied in order, after --config; may be repeated."})
  List<String> sets = new ArrayList<>();

  @Option(names = "--jvm-arg", paramLabel = "OPTION", description = {
      "An option for each experiment's training JVM (e.g. --jvm-arg=-Xmx8g); added after @Sweep(jvmArgs) and"
          + " the sweep files' [jvm] args, recorded in each TOML's [jvm] table. May be repeated."})
  List<String> jvmArgs = new ArrayList<>();

  /** What was given, checked against the sweep: files first, then --set in order, then --jvm-arg. */
  List<Override> read(SweepSpec<?> spec) throws SweepFileException, IOException {
    List<Override> overrides = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Path file : configs) {
      try {
        overrides.add(SweepFile.read(file, spec));
      } catch (SweepFileException e) {
        problems.addAll(e.problems());
      }
    }
    for (String set : sets) {
      try {
        overrides.add(SetArgument.parse(set, spec));
      } catch (SweepFileException e) {
        problems.addAll(e.problems());
      }
    }
    for (String a : jvmArgs) {
      if (a.isEmpty() || !dev.hyper.runtime.shell.ShellQuote.isSingleLine(a)) {
        problems.add("--jvm-arg '" + a.strip() + "' is empty or holds a tab, line break or control character");
      } else {
        overrides.add(Override.jvmArg(a));
      }
    }
    if (problems.isEmpty()) {
      problems.addAll(Overrides.problems(spec, overrides));
    }
    if (!problems.isEmpty()) {
      throw new SweepFileException(problems);
    }
    return overrides;
  }

  /** The sweep with the overrides applied. */
  <P extends Record> SweepSpec<P> apply(SweepSpec<P> spec) throws SweepFileException, IOException {
    return Overrides.apply(spec, read(spec));
  }

  /** What the overrides were, for provenance: one line each, in the order applied. */
  List<String> describe(SweepSpec<?> spec) throws SweepFileException, IOException {
    return Overrides.describe(read(spec));
  }
}
