package dev.hyper.runtime;

import dev.hyper.runtime.toml.ConfigException;
import dev.hyper.runtime.toml.TomlReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads an experiment's TOML file ({@link ConfigToml} has the layout) to an {@link ExperimentConfig},
 * checking every key: none unknown, each of its type, the paths inside the output directory, the params
 * those of the sweep. The tables are read by {@link SettingsToml}, {@link SnapshotToml} and
 * {@link ProvenanceToml}.
 */
final class ConfigTomlReader {
  private ConfigTomlReader() {}

  /** The file's {@code name}: the sweep it belongs to. */
  static String sweepName(Path file) throws IOException {
    return TomlReader.read(file).string("name");
  }

  /** The file's {@code [halving]} table, if it has one. */
  static Optional<HalvingSettings> readHalving(Path file) throws IOException {
    return Optional.ofNullable(SettingsToml.readHalving(TomlReader.read(file)));
  }

  /**
   * The experiment in {@code file}, with the output directory {@code root} given rather than found from the
   * file's place (null: found).
   */
  static <P extends Record> ExperimentConfig<P> read(Path file, SweepSpec<P> spec, Path root) throws IOException {
    TomlReader f = TomlReader.read(file);
    f.allowOnly(null, ConfigToml.KEYS);
    SettingsToml.readHalving(f);
    String sweep = f.string("name");
    if (!sweep.equals(spec.name())) {
      throw f.error("name", "this experiment belongs to sweep '" + sweep + "', not '" + spec.name() + "'");
    }
    String id = f.string("generated_id");
    int nTrials = f.intIn("n_trials", 1, Integer.MAX_VALUE);
    int trial = f.intIn("trial", 0, nTrials - 1);
    Path confPath = relativePath(f, "conf_path");
    ExperimentInfo info = new ExperimentInfo(sweep, id, trial, nTrials, f.longValue("seed"),
        relativePath(f, "conf_dir"), confPath, relativePath(f, "config_json"), relativePath(f, "serialization_dir"),
        root != null ? root : rootOf(file, confPath, f), SettingsToml.readSlurm(f), SnapshotToml.read(f),
        ProvenanceToml.readTable(f));
    return new ExperimentConfig<>(info, readParams(f, spec));
  }

  private static <P extends Record> P readParams(TomlReader f, SweepSpec<P> spec) throws ConfigException {
    List<Param<P>> params = spec.grid().params();
    List<String> names = new ArrayList<>();
    params.forEach(p -> names.add(p.tla()));
    f.table(ConfigToml.PARAMS, true);
    f.allowOnly(ConfigToml.PARAMS, names);
    List<Object> values = new ArrayList<>();
    for (Param<P> p : params) {
      String key = ConfigToml.PARAMS + "." + p.tla();
      values.add(switch (p.kind()) {
        case DOUBLE -> f.doubleValue(key);
        case INT -> f.intIn(key, Integer.MIN_VALUE, Integer.MAX_VALUE);
        case LONG -> f.longValue(key);
        case STRING -> f.string(key);
        case BOOLEAN -> f.bool(key);
        case ENUM -> f.enumConstant(key, p.type());
      });
    }
    return spec.grid().create(new Values(values));
  }

  /** The string {@code key} as a relative path inside the output directory. */
  private static Path relativePath(TomlReader f, String key) throws ConfigException {
    String s = f.string(key);
    Path p = Path.of(s).normalize();
    if (s.isEmpty() || p.isAbsolute() || p.startsWith("..")) {
      throw f.error(key, "expected a relative path inside the output directory, found '" + s + "'");
    }
    return p;
  }

  private static Path rootOf(Path file, Path confPath, TomlReader f) throws ConfigException {
    Path abs = file.toAbsolutePath().normalize();
    if (!abs.endsWith(confPath)) {
      throw f.error("conf_path", "'" + ConfigToml.slashes(confPath) + "' is not where this file is (" + abs
          + "); move the whole output directory, not single experiments");
    }
    Path root = abs;
    for (int i = 0; i < confPath.getNameCount(); i++) {
      root = root.getParent();
    }
    return root;
  }
}
