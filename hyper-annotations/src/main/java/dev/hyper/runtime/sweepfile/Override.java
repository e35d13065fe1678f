package dev.hyper.runtime.sweepfile;

import dev.hyper.runtime.SlurmSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;

/**
 * What one sweep file or one {@code --set} argument changes in a sweep: the values of some
 * components (keyed by component name), the number of trials, SLURM settings. Checked against the
 * record when it is read, so applying it cannot fail.
 *
 * @param source where it came from, for provenance: {@code rnn.toml} or {@code --set hidden_dim=128,256}
 * @param values new values per component name, in the order they were given
 * @param trials new trials per point, if set
 * @param slurm how the SLURM settings change (identity when untouched)
 */
public record Override(
    String source, Map<String, List<Object>> values, OptionalInt trials, UnaryOperator<SlurmSettings> slurm) {

  public Override {
    values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }
}
