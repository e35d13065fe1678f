package dev.hyper.runtime.sweepfile;

import dev.hyper.runtime.HalvingSettings;
import dev.hyper.runtime.SlurmSettings;
import dev.hyper.runtime.Strategy;
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
 * @param jvmArgs options added for the training JVM ({@code [jvm] args}, {@code --jvm-arg})
 * @param halving how the successive halving's numbers change (identity when untouched)
 * @param search how a random search's seed and samples change (identity when untouched)
 */
public record Override(String source, Map<String, List<Object>> values, OptionalInt trials,
    UnaryOperator<SlurmSettings> slurm, List<String> jvmArgs, UnaryOperator<HalvingSettings> halving,
    UnaryOperator<Strategy> search) {

  public Override {
    values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    jvmArgs = List.copyOf(jvmArgs);
  }

  /** An override that leaves the search's seed and samples as they are. */
  public Override(String source, Map<String, List<Object>> values, OptionalInt trials,
      UnaryOperator<SlurmSettings> slurm, List<String> jvmArgs, UnaryOperator<HalvingSettings> halving) {
    this(source, values, trials, slurm, jvmArgs, halving, UnaryOperator.identity());
  }

  /** An override that leaves the successive halving as it is. */
  public Override(String source, Map<String, List<Object>> values, OptionalInt trials,
      UnaryOperator<SlurmSettings> slurm, List<String> jvmArgs) {
    this(source, values, trials, slurm, jvmArgs, UnaryOperator.identity());
  }

  /** An override that adds no JVM options. */
  public Override(String source, Map<String, List<Object>> values, OptionalInt trials,
      UnaryOperator<SlurmSettings> slurm) {
    this(source, values, trials, slurm, List.of());
  }

  /** {@code --jvm-arg ARG}: adds one option for the training JVM. */
  public static Override jvmArg(String arg) {
    return new Override("jvm-arg " + arg, Map.of(), OptionalInt.empty(), UnaryOperator.identity(), List.of(arg));
  }
}
