package dev.hyper.runtime;

import dev.hyper.runtime.toml.TomlWriter;

/**
 * Writes an {@link ExperimentConfig} as TOML text ({@link ConfigToml} has the layout): the experiment's
 * keys, its params typed by their kind, then the tables of {@link SettingsToml}, {@link SnapshotToml} and
 * {@link ProvenanceToml}. {@link ConfigTomlReader} reads it back.
 */
final class ConfigTomlWriter {
  private ConfigTomlWriter() {}

  static <P extends Record> String write(ExperimentConfig<P> config, SweepSpec<P> spec) {
    ExperimentInfo e = config.experiment();
    TomlWriter t = new TomlWriter(TomlWriter.Style.ONE_LINE, 768);
    t.comment("Experiment " + e.id() + ", trial " + e.trial() + " of sweep " + e.sweep()
        + ", written by Hyper. Paths are relative to the directory holding config/ and model/.");
    t.string("name", e.sweep());
    t.string("generated_id", e.id());
    t.integer("trial", e.trial());
    t.integer("n_trials", e.nTrials());
    t.integer("seed", e.seed());
    t.string("conf_dir", ConfigToml.slashes(e.confDir()));
    t.string("conf_path", ConfigToml.slashes(e.confPath()));
    t.string("config_json", ConfigToml.slashes(e.configJson()));
    t.string("serialization_dir", ConfigToml.slashes(e.serializationDir()));
    t.table(ConfigToml.PARAMS);
    for (Param<P> p : spec.grid().params()) {
      Object v = p.valueOf(config.params());
      switch (p.kind()) {
        case STRING -> t.string(p.tla(), (String) v);
        case ENUM -> t.string(p.tla(), ((Enum<?>) v).name());
        case DOUBLE -> t.decimal(p.tla(), (Double) v);
        case INT, LONG -> t.integer(p.tla(), ((Number) v).longValue());
        case BOOLEAN -> t.bool(p.tla(), (Boolean) v);
      }
    }
    SettingsToml.writeSlurm(t, e.slurm());
    spec.halving().ifPresent(h -> SettingsToml.writeHalving(t, h));
    if (e.snapshot() != null) {
      SnapshotToml.write(t, e.snapshot());
    }
    if (e.provenance() != null) {
      ProvenanceToml.writeTable(t, e.provenance());
    }
    return t.toString();
  }
}
