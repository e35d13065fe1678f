package dev.hyper.runtime.sweepfile;

import dev.hyper.runtime.Grid;
import dev.hyper.runtime.HalvingSettings;
import dev.hyper.runtime.SlurmSettings;
import dev.hyper.runtime.Strategy;
import dev.hyper.runtime.SweepSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Applies sweep files and {@code --set} arguments to a sweep, in order: later ones win. */
public final class Overrides {
  private Overrides() {}

  /** The sweep with {@code overrides} applied, or {@code spec} itself when there are none. */
  public static <P extends Record> SweepSpec<P> apply(SweepSpec<P> spec, List<Override> overrides) {
    if (overrides.isEmpty()) {
      return spec;
    }
    Map<String, List<Object>> values = new LinkedHashMap<>();
    Strategy strategy = spec.grid().strategy();
    int trials = spec.trials();
    SlurmSettings slurm = spec.slurm();
    List<String> jvmArgs = new ArrayList<>(spec.jvmArgs());
    for (Override o : overrides) {
      values.putAll(o.values());
      trials = o.trials().orElse(trials);
      slurm = o.slurm().apply(slurm);
      jvmArgs.addAll(o.jvmArgs());
      strategy = o.search().apply(strategy);
    }
    Grid<P> grid = values.isEmpty() ? spec.grid() : spec.grid().withValues(values);
    grid = strategy == grid.strategy() ? grid : grid.withStrategy(strategy);
    SweepSpec<P> applied = spec.with(grid, trials, slurm, jvmArgs);
    return spec.halving().isEmpty() ? applied : applied.withHalving(halving(spec.halving().get(), overrides));
  }

  /**
   * What is wrong with the successive halving once {@code overrides} are applied (each key was checked
   * alone as it was read; {@code min < max} can only be checked here), one line each; empty if nothing.
   */
  public static List<String> problems(SweepSpec<?> spec, List<Override> overrides) {
    if (spec.halving().isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    HalvingSettings h = halving(spec.halving().get(), overrides);
    if (!h.problems().isEmpty() && !overrides.isEmpty()) {
      out.add("halving after " + String.join(", ", describe(overrides)) + ": " + String.join("; ", h.problems()));
    }
    return out;
  }

  private static HalvingSettings halving(HalvingSettings declared, List<Override> overrides) {
    HalvingSettings h = declared;
    for (Override o : overrides) {
      h = o.halving().apply(h);
    }
    return h;
  }

  /** What was applied, one line each ({@code config FILE sha256=...}, {@code set KEY=...}), for provenance. */
  public static List<String> describe(List<Override> overrides) {
    List<String> lines = new ArrayList<>();
    overrides.forEach(o -> lines.add(o.source()));
    return lines;
  }
}
