package dev.hyper.runtime;

import dev.hyper.runtime.toml.ConfigException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One experiment's config as written to and read from its TOML file: the experiment and its params.
 * Generated {@code PConfig} records wrap this with the sweep's record type.
 *
 * <p>The TOML holds {@code name}, {@code generated_id}, {@code trial}, {@code n_trials}, {@code seed},
 * {@code conf_dir}, {@code conf_path}, {@code config_json}, {@code serialization_dir} (paths relative to
 * the sweep's output directory), a {@code [params]} table under the parameters' jsonnet names with typed
 * values (enums as their names), {@code [slurm]} with the settings that are set, {@code [halving]} for a sweep with successive halving, {@code [snapshot]}
 * with the jar's {@code file}, {@code size} and {@code sha256}, and {@code [provenance]} (see {@link Provenance}):
 * when, how, on which Java and OS, and from which git commit the experiment was written.
 *
 * @param experiment the experiment
 * @param params its point of the sweep
 * @param <P> the sweep's params record
 */
public record ExperimentConfig<P extends Record>(ExperimentInfo experiment, P params) {
  public ExperimentConfig {
    Objects.requireNonNull(experiment);
    Objects.requireNonNull(params);
  }

  /**
   * Reads an experiment's TOML file. Its {@link ExperimentInfo#root()} is the directory the file's
   * {@code conf_path} is relative to, found from the file's own location.
   *
   * @throws ConfigException naming the file, position and key, if the file is not valid TOML, a key is
   *     missing or unknown, or a value has the wrong type or is not allowed
   * @throws IOException if the file cannot be read
   */
  public static <P extends Record> ExperimentConfig<P> load(Path toml, SweepSpec<P> spec) throws IOException {
    return ConfigTomlReader.read(toml, spec, null);
  }

  /**
   * Reads an experiment TOML that is not at its own {@code conf_path} (a lazy invocation's prototype,
   * {@code config/generated/SWEEP/.lazy/N/prototype.toml}), whose output directory is {@code root}.
   */
  public static <P extends Record> ExperimentConfig<P> loadElsewhere(Path toml, Path root, SweepSpec<P> spec)
      throws IOException {
    return ConfigTomlReader.read(toml, spec, root);
  }

  /**
   * The sweep an experiment's TOML file belongs to (its {@code name}), read without knowing the sweep.
   *
   * @throws ConfigException if the file is not valid TOML or has no string {@code name}
   */
  public static String sweepName(Path toml) throws IOException {
    return ConfigTomlReader.sweepName(toml);
  }

  /**
   * The {@code [halving]} table of an experiment's TOML file: the successive halving its sweep had when
   * it was written (after sweep files and {@code --set}); empty for a sweep without.
   *
   * @throws ConfigException if the file is not valid TOML or the table is not valid
   */
  public static java.util.Optional<HalvingSettings> halving(Path toml) throws IOException {
    return ConfigTomlReader.readHalving(toml);
  }

  /**
   * Whether two experiment TOML texts hold the same data but for their {@code [provenance]} tables: the same
   * experiment, written at another time or by another command. Texts equal but for those tables are; others
   * are compared as parsed tables, where comments, key order and spelling do not count (a text that is not
   * valid TOML has no data: it is the same only as an equal text).
   */
  public static boolean sameExceptProvenance(String toml, String other) {
    return ConfigTomlParts.sameExceptProvenance(toml, other);
  }

  /**
   * The part of an experiment TOML text (as {@link #toToml} writes it) that says how the experiment is
   * started: its {@code [snapshot]} and {@code [jvm]} tables. Experiments with the same part start the
   * same way, so a caller that needs the launch of many experiments parses one TOML per distinct part.
   */
  public static String launchPart(String toml) {
    return ConfigTomlParts.launchPart(toml);
  }

  /** This config as TOML text, which {@link #load} reads back to an equal config. */
  public String toToml(SweepSpec<P> spec) {
    return ConfigTomlWriter.write(this, spec);
  }
}
