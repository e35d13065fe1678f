package dev.hyper.runtime.render;

import dev.hyper.runtime.ExperimentInfo;
import java.util.Objects;

/**
 * The text files of one experiment, rendered in memory.
 *
 * @param info the experiment
 * @param json the rendered jsonnet config (or the params as JSON when the sweep has no template)
 * @param toml the experiment's TOML config
 */
public record RenderedExperiment(ExperimentInfo info, String json, String toml) {
  public RenderedExperiment {
    Objects.requireNonNull(info);
    Objects.requireNonNull(json);
    Objects.requireNonNull(toml);
  }
}
