package dev.hyper.runtime.plan;

import dev.hyper.runtime.ExperimentConfig;
import dev.hyper.runtime.ExperimentInfo;
import dev.hyper.runtime.Tla;
import java.util.List;

/**
 * One experiment of a sweep, planned: its grid point, trial, id, seed and paths. Nothing is written yet.
 *
 * @param index the point's index in the grid
 * @param params the point
 * @param tlas the point's jsonnet arguments, in component order
 * @param info id, trial, seed, paths, SLURM settings and snapshot
 * @param <P> the params record
 */
public record PlannedExperiment<P extends Record>(long index, P params, List<Tla> tlas, ExperimentInfo info) {
  public PlannedExperiment {
    tlas = List.copyOf(tlas);
  }

  /** The experiment's config, as its TOML holds it. */
  public ExperimentConfig<P> config() {
    return new ExperimentConfig<>(info, params);
  }

  /** {@code point 17 (id 3f2a..., trial 0: lr=0.001, ...)}, to name the experiment in messages. */
  public String describe() {
    return "point " + index + " (id " + info.id() + ", trial " + info.trial() + ": "
        + String.join(", ", tlas.stream().map(Tla::toString).toList()) + ")";
  }
}
