package dev.hyper.runtime;

import java.nio.file.Path;
import java.util.List;

/**
 * The layout of an experiment's TOML file ({@link ExperimentConfig}): its top-level keys and tables, in the
 * order {@link ConfigTomlWriter} writes them and {@link ConfigTomlReader} allows them. The tables have
 * their own bindings: {@link SettingsToml} ({@code [slurm]}, {@code [halving]}), {@link SnapshotToml}
 * ({@code [snapshot]}, {@code [jvm]}) and {@link ProvenanceToml} ({@code [provenance]}, written last).
 */
final class ConfigToml {
  static final String PARAMS = "params";
  static final String SLURM = "slurm";
  static final String HALVING = "halving";
  static final String SNAPSHOT = "snapshot";
  static final String JVM = "jvm";
  static final String PROVENANCE = "provenance";

  /** The top-level keys and tables, in the order they are written. */
  static final List<String> KEYS = List.of("name", "generated_id", "trial", "n_trials", "seed", "conf_dir",
      "conf_path", "config_json", "serialization_dir", PARAMS, SLURM, HALVING, SNAPSHOT, JVM, PROVENANCE);

  private ConfigToml() {}

  /** A relative path with {@code /} between names on every OS, as {@code plan.Layout.slashes} spells it. */
  static String slashes(Path p) {
    String s = p.toString();
    return java.io.File.separatorChar == '/' ? s : s.replace(java.io.File.separatorChar, '/');
  }
}
